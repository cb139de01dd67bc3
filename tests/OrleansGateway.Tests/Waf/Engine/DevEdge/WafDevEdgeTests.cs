using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;
using OrleansGateway.Tests.Waf.Engine.Edge;
using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Waf.Engine.DevEdge;

/// <summary>
/// The WAF in the whole dev-mode edge built by <c>Program.Build</c> (access logs, routing, authorizers,
/// usage plans, validation, integration), with an API imported and deployed through the signed
/// management API and a real backend that counts its calls.
/// </summary>
public sealed class WafDevEdgeTests : IAsyncLifetime
{
    private readonly InProcessDevEdge _edge = new();
    private readonly StageWebAcls _acls = new();
    private EchoBackend _backend = null!;
    private string _apiId = string.Empty;

    public async Task InitializeAsync()
    {
        _backend = await EchoBackend.StartAsync();
        using (new ServiceOverrideHook(_edge.DataPort, services => services.AddSingleton<IWebAclSource>(_acls)))
        {
            await _edge.InitializeAsync();
        }
        using var management = _edge.Management();
        _apiId = await management.ImportAsync("""
            {"openapi": "3.0.1", "info": {"title": "waf", "version": "1"},
             "paths": {"/items": {"get": {"x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "@BACKEND@/items"}}}}}
            """.Replace("@BACKEND@", _backend.Url, StringComparison.Ordinal));
        await management.DeployAsync(_apiId, "prod", new Dictionary<string, string>());
        await _edge.WaitUntilServedAsync(_apiId, "/prod/items");
    }

    public async Task DisposeAsync()
    {
        await _edge.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task CoreRuleGroupOnTheDeployedStageBlocksAttacksBeforeTheBackendAndLetsOthersThrough()
    {
        _acls.Associate(_apiId, "prod", Compile(Acl(rules: GroupRule("core", 0, """{"ManagedRuleGroupStatement": {"VendorName": "OrleansGateway", "Name": "CoreRuleSet"}}"""))));
        var before = _backend.RequestsReceived;

        using var attack = await _edge.GetAsync(_apiId, "/prod/items?file=..%2F..%2F..%2Fetc%2Fpasswd", headers => headers.UserAgent.ParseAdd("Mozilla/5.0"));
        using var ordinary = await _edge.GetAsync(_apiId, "/prod/items?page=2", headers => headers.UserAgent.ParseAdd("Mozilla/5.0"));

        Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await attack.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ordinary.StatusCode);
        Assert.Equal(before + 1, _backend.RequestsReceived);
    }
}
