using System.Net.Http.Headers;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Tests.DataPlane.HeaderHygiene;

/// <summary>
/// What a real backend sees of the caller's credentials and of headers the gateway sets, for
/// HTTP_PROXY and HTTP integrations.
/// </summary>
public sealed class IntegrationHeaderHygieneTests : IAsyncLifetime
{
    private GatewayUnderTest _gateway = null!;
    private EchoBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayUnderTest.StartAsync();
        _backend = await EchoBackend.StartAsync("backend");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    public static TheoryData<string> IntegrationTypes => ["HTTP_PROXY", "HTTP"];

    [Theory]
    [MemberData(nameof(IntegrationTypes))]
    public async Task Authorization_and_api_key_do_not_reach_the_backend_unless_mapped(string type)
    {
        Serve(type, new Dictionary<string, string> { ["integration.request.header.X-Kept"] = "method.request.header.X-Kept" });

        var echo = await SendAsync(headers =>
        {
            headers.TryAddWithoutValidation("Authorization", "Bearer secret-token");
            headers.Add("x-api-key", "caller-key-0123456789");
            headers.Add("X-Kept", "visible");
        });

        Assert.Equal("<absent>", echo.Header("Authorization"));
        Assert.Equal("<absent>", echo.Header("x-api-key"));
        Assert.Equal("visible", echo.Header("X-Kept"));
    }

    [Theory]
    [MemberData(nameof(IntegrationTypes))]
    public async Task An_explicit_mapping_forwards_authorization_and_api_key(string type)
    {
        Serve(type, new Dictionary<string, string>
        {
            ["integration.request.header.Authorization"] = "method.request.header.Authorization",
            ["integration.request.header.x-api-key"] = "method.request.header.x-api-key",
        });

        var echo = await SendAsync(headers =>
        {
            headers.TryAddWithoutValidation("Authorization", "Bearer secret-token");
            headers.Add("x-api-key", "caller-key-0123456789");
        });

        Assert.Equal("Bearer secret-token", echo.Header("Authorization"));
        Assert.Equal("caller-key-0123456789", echo.Header("x-api-key"));
    }

    [Theory]
    [MemberData(nameof(IntegrationTypes))]
    public async Task A_header_the_gateway_sets_overwrites_the_callers_header_of_the_same_name(string type)
    {
        Serve(type, new Dictionary<string, string>
        {
            ["integration.request.header.X-Principal"] = "'gateway-principal'",
            ["integration.request.header.X-Stage"] = "context.stage",
        });

        var echo = await SendAsync(headers =>
        {
            headers.Add("x-principal", "forged-admin");
            headers.Add("X-Principal", "forged-again");
            headers.Add("X-STAGE", "forged-stage");
        });

        Assert.Equal("gateway-principal", echo.Header("X-Principal"));
        Assert.Equal("prod", echo.Header("X-Stage"));
    }

    [Theory]
    [MemberData(nameof(IntegrationTypes))]
    public async Task A_caller_cannot_supply_a_mapped_header_by_leaving_its_source_out(string type)
    {
        Serve(type, new Dictionary<string, string> { ["integration.request.header.X-User"] = "method.request.header.X-Token-Subject" });

        var echo = await SendAsync(headers => headers.Add("X-User", "forged-user"));

        Assert.Equal("<absent>", echo.Header("X-User"));
    }

    [Fact]
    public async Task Forwarded_proto_is_the_gateways_and_forwarded_for_ends_with_the_real_caller()
    {
        Serve("HTTP_PROXY", []);

        var echo = await SendAsync(headers =>
        {
            headers.Add("X-Forwarded-Proto", "https");
            headers.Add("X-Forwarded-For", "198.51.100.9");
        });

        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.Equal("198.51.100.9, 127.0.0.1", echo.Header("X-Forwarded-For"));
    }

    private void Serve(string type, Dictionary<string, string> requestParameters)
    {
        IntegrationDefinition integration = type == "HTTP"
            ? TestApi.Http(_backend.Url + "/seen", requestParameters, [TestApi.Response("default", "200")])
            : TestApi.HttpProxy(_backend.Url + "/seen", requestParameters: requestParameters);
        _gateway.Store.Apply(new TestApi().Route("/seen", "GET", integration).Build(1));
    }

    private async Task<JsonElement> SendAsync(Action<HttpRequestHeaders> headers) =>
        await ResponseAssertions.EchoAsync(await _gateway.SendAsync(HttpMethod.Get, "/prod/seen", headers: headers));
}
