using System.Net;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>MOCK integrations answer from their definition without a backend.</summary>
public sealed class MockIntegrationTests : IAsyncLifetime
{
    private GatewayUnderTest _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayUnderTest.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task RequestTemplateStatusSelectsTheResponseWithItsHeadersAndBody()
    {
        var responses = new[]
        {
            TestApi.Response("default", "200", templates: new Dictionary<string, string> { ["application/json"] = "{\"ok\":true}" }),
            TestApi.Response("4\\d{2}", "418",
                new Dictionary<string, string> { ["method.response.header.X-Teapot"] = "'short and stout'" },
                new Dictionary<string, string> { ["text/plain"] = "plain", ["application/json"] = "{\"teapot\":true}" }),
        };
        var api = new TestApi()
            .Route("/teapot", "GET", TestApi.Integration("MOCK", null, null, 0, null,
                new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 400}" }, responses))
            .Route("/fine", "GET", TestApi.Integration("MOCK", null, null, 0, null, [], responses));
        _gateway.Store.Apply(api.Build(1));

        var teapot = await _gateway.GetAsync("/prod/teapot");
        var fine = await _gateway.GetAsync("/prod/fine");

        Assert.Equal((HttpStatusCode)418, teapot.StatusCode);
        Assert.Equal("short and stout", ResponseAssertions.Single(teapot, "X-Teapot"));
        Assert.Equal("application/json", teapot.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"teapot\":true}", await teapot.Content.ReadAsStringAsync());
        ResponseAssertions.AssertHasRequestIds(teapot);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Equal("{\"ok\":true}", await fine.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MockWithoutAnySelectedResponseIsAConfigurationError()
    {
        _gateway.Store.Apply(new TestApi().Route("/broken", "GET",
            TestApi.Mock(503, "never", responses: [TestApi.Response("2\\d{2}", "200")])).Build(1));

        var response = await _gateway.GetAsync("/prod/broken");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.InternalServerError,
            "Internal server error", "InternalServerErrorException");
    }

    [Theory]
    [InlineData("AWS")]
    [InlineData("AWS_PROXY")]
    public async Task AwsIntegrationsAreNotSupported(string type)
    {
        _gateway.Store.Apply(new TestApi().Route("/lambda", "POST", TestApi.Integration(type,
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations", "POST", 0, null, [], [])).Build(1));

        var response = await _gateway.SendAsync(HttpMethod.Post, "/prod/lambda");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.InternalServerError,
            "Internal server error", "InternalServerErrorException");
    }
}
