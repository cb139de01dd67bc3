using System.Net;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>Gateway responses for requests the data plane cannot route.</summary>
public sealed class GatewayErrorTests : IAsyncLifetime
{
    private GatewayUnderTest _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayUnderTest.StartAsync();
        _gateway.Store.Apply(new TestApi().MockRoute("/pets", "GET").MockRoute("/pets/{id}", "GET").Build(1));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("GET", "/prod/pets", "zzz999.execute-api.localhost")]
    [InlineData("GET", "/prod/pets", "localhost")]
    [InlineData("GET", "/prod/pets", "abc123.example.com")]
    [InlineData("GET", "/prod/pets", "execute-api.localhost")]
    [InlineData("GET", "/prod/pets", "abc123.execute-api.")]
    [InlineData("GET", "/test/pets", GatewayUnderTest.DefaultHost)]
    [InlineData("GET", "/Prod/pets", GatewayUnderTest.DefaultHost)]
    [InlineData("GET", "/", GatewayUnderTest.DefaultHost)]
    [InlineData("GET", "/prod/cats", GatewayUnderTest.DefaultHost)]
    [InlineData("GET", "/prod/pets/1/2", GatewayUnderTest.DefaultHost)]
    [InlineData("GET", "/prod//pets", GatewayUnderTest.DefaultHost)]
    [InlineData("DELETE", "/prod/pets", GatewayUnderTest.DefaultHost)]
    public async Task UnroutableRequestAnswersMissingAuthenticationToken(string method, string path, string host)
    {
        var response = await _gateway.SendAsync(new HttpMethod(method), path, host);

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden,
            "Missing Authentication Token", "MissingAuthenticationTokenException");
    }

    [Fact]
    public async Task HostPortAndCaseDoNotMatter()
    {
        var response = await _gateway.GetAsync("/prod/pets", "ABC123.Execute-Api.LocalHost:8080");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GET /pets", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EachResponseHasItsOwnRequestId()
    {
        var first = await _gateway.GetAsync("/prod/pets");
        var second = await _gateway.GetAsync("/prod/nothing");

        Assert.NotEqual(ResponseAssertions.Single(first, "x-amzn-RequestId"), ResponseAssertions.Single(second, "x-amzn-RequestId"));
        Assert.NotEqual(ResponseAssertions.Single(first, "x-amz-apigw-id"), ResponseAssertions.Single(second, "x-amz-apigw-id"));
    }

    [Fact]
    public async Task PathWithTooManySegmentsIsRejectedWith414()
    {
        var path = "/prod" + string.Concat(Enumerable.Repeat("/a", 200));

        var response = await _gateway.GetAsync(path);

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.RequestUriTooLong,
            "Request-URI Too Long", "RequestUriTooLongException");
    }

    [Fact]
    public async Task StoreNotReadyAnswers503()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(ready: false);
        gateway.Store.Apply(new TestApi().MockRoute("/pets", "GET").Build(1));

        var before = await gateway.GetAsync("/prod/pets");
        gateway.Store.MarkReady();
        var after = await gateway.GetAsync("/prod/pets");

        await ResponseAssertions.AssertGatewayErrorAsync(before, HttpStatusCode.ServiceUnavailable,
            "Service Unavailable", "ServiceUnavailableException");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AfterAReconnectRequestsWaitForTheCatchUpAndAreServedByTheNewTables()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().MockRoute("/pets", "GET").Build(1));
        gateway.Store.BeginCatchUp();

        var held = gateway.GetAsync("/prod/cats");
        await Task.Delay(300);
        Assert.False(held.IsCompleted, "a request was routed by possibly stale tables during the catch-up");
        gateway.Store.Apply(new TestApi().MockRoute("/pets", "GET").MockRoute("/cats", "GET").Build(2));
        gateway.Store.MarkReady();

        using var response = await held;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/cats", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACatchUpThatNeverFinishesAnswers503AfterTheWait()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            configure: settings => settings["Gateway:Sync:CatchUpWait"] = "00:00:00.200");
        gateway.Store.Apply(new TestApi().MockRoute("/pets", "GET").Build(1));
        gateway.Store.BeginCatchUp();

        using var response = await gateway.GetAsync("/prod/pets");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.ServiceUnavailable,
            "Service Unavailable", "ServiceUnavailableException");
    }

    [Fact]
    public async Task RemovedApiIsNoLongerServed()
    {
        Assert.True(_gateway.Store.Remove("abc123"));

        var response = await _gateway.GetAsync("/prod/pets");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.Forbidden,
            "Missing Authentication Token", "MissingAuthenticationTokenException");
    }
}
