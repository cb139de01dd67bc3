using System.Net;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>Which resource and method serve a request, as API Gateway decides it.</summary>
public sealed class RoutingPrecedenceTests : IAsyncLifetime
{
    private GatewayUnderTest _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayUnderTest.StartAsync();
        var api = new TestApi()
            .MockRoute("/", "GET", "root")
            .MockRoute("/pets", "GET", "list pets")
            .MockRoute("/pets", "ANY", "any pets")
            .MockRoute("/pets/mine", "GET", "my pets")
            .MockRoute("/pets/{petId}", "GET", "one pet")
            .MockRoute("/pets/{petId}/toys", "GET", "pet toys")
            .MockRoute("/pets/mine/owner", "POST", "post my owner")
            .MockRoute("/pets/{petId}/owner", "GET", "pet owner")
            .MockRoute("/files/{proxy+}", "GET", "files greedy")
            .MockRoute("/files/readme", "GET", "files readme")
            .MockRoute("/{proxy+}", "ANY", "catch all")
            .Route("/orders", "PUT", null);
        Assert.True(_gateway.Store.Apply(api.Build(1)));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("GET", "/prod", "root")]
    [InlineData("GET", "/prod/", "root")]
    [InlineData("GET", "/prod/pets", "list pets")]
    [InlineData("GET", "/prod/pets/", "list pets")]
    [InlineData("DELETE", "/prod/pets", "any pets")]
    [InlineData("GET", "/prod/pets/mine", "my pets")]
    [InlineData("GET", "/prod/pets/42", "one pet")]
    [InlineData("GET", "/prod/pets/42/toys", "pet toys")]
    [InlineData("GET", "/prod/files/readme", "files readme")]
    [InlineData("GET", "/prod/files/a/b/c.txt", "files greedy")]
    [InlineData("GET", "/prod/files/other", "files greedy")]
    [InlineData("GET", "/prod/unknown/deep/path", "catch all")]
    [InlineData("POST", "/prod/pets/mine/owner", "post my owner")]
    public async Task MostSpecificResourceAndMethodServe(string method, string path, string expected)
    {
        var response = await _gateway.SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        ResponseAssertions.AssertHasRequestIds(response);
    }

    [Fact]
    public async Task LiteralBranchWithoutTheRestOfThePathBacktracksToParameter()
    {
        // /pets/mine/owner exists only for POST; a GET must fall back to /pets/{petId}/owner.
        var response = await _gateway.GetAsync("/prod/pets/mine/owner");

        Assert.Equal("pet owner", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LiteralPathWithoutTheMethodBacktracksToGreedy()
    {
        // /pets/mine has only GET; POST is served by the less specific /{proxy+} ANY.
        var response = await _gateway.SendAsync(HttpMethod.Post, "/prod/pets/mine");

        Assert.Equal("catch all", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GreedyDoesNotMatchTheRootResource()
    {
        // The root has only GET and {proxy+} needs at least one segment: POST / is unrouted.
        var response = await _gateway.SendAsync(HttpMethod.Post, "/prod");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden,
            "Missing Authentication Token", "MissingAuthenticationTokenException");
    }

    [Fact]
    public async Task MethodWithoutIntegrationAnswersInternalServerError()
    {
        var response = await _gateway.SendAsync(HttpMethod.Put, "/prod/orders");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.InternalServerError,
            "Internal server error", "InternalServerErrorException");
    }
}
