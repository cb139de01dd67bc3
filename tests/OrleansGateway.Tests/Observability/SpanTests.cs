using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;
using OrleansGateway.Tests.Waf.Engine.DevEdge;
using OrleansGateway.Tests.Waf.Engine.Edge;
using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Observability;

/// <summary>
/// The spans of one traced request through a whole dev-mode edge (<c>Program.Build</c>): WAF,
/// throttle, integration and the grain call that fetched the first throttle lease, all in the
/// caller's trace. Spans are collected by an <see cref="ActivityListener"/> in this process and
/// told apart from other tests' by the trace id.
/// </summary>
public sealed class SpanTests : IAsyncLifetime
{
    private readonly InProcessDevEdge _edge = new();
    private readonly StageWebAcls _acls = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private ActivityListener _listener = null!;
    private EchoBackend _backend = null!;
    private string _apiId = string.Empty;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("OrleansGateway.", StringComparison.Ordinal)
                || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
                || source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _backend = await EchoBackend.StartAsync();
        using (new ServiceOverrideHook(_edge.DataPort, services => services.AddSingleton<IWebAclSource>(_acls)))
        {
            await _edge.InitializeAsync();
        }
        using var management = _edge.Management();
        _apiId = await management.ImportAsync("""
            {"openapi": "3.0.1", "info": {"title": "spans", "version": "1"},
             "paths": {"/items": {"get": {"x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "@BACKEND@/items"}}}}}
            """.Replace("@BACKEND@", _backend.Url, StringComparison.Ordinal));
        await management.DeployAsync(_apiId, "prod", new Dictionary<string, string>());
        await ProbeUntilAsync(response => response.StatusCode == HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _edge.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task ATracedRequestHasWafThrottleIntegrationAndGrainCallSpansInTheCallersTrace()
    {
        _acls.Associate(_apiId, "prod", Compile(Acl(rules: GroupRule("core", 0, """{"ManagedRuleGroupStatement": {"VendorName": "OrleansGateway", "Name": "CoreRuleSet"}}"""))));
        using (var management = _edge.Management())
        {
            // A stage throttle this stage never had: the first request that meets it leases its bucket from a grain.
            await management.ReplaceStageValueAsync(_apiId, "prod", "/*/*/throttling/rateLimit", "1000");
        }

        // The throttle reaches the edge by push: send traced requests until one shows a throttle span.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var traceId = ActivityTraceId.CreateRandom();
            using var response = await _edge.GetAsync(_apiId, "/prod/items",
                headers => headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var spans = await SpansOfAsync(traceId, "integration");
            if (spans.Any(s => s.OperationName == "throttle"))
            {
                Assert.Contains(spans, s => s.OperationName == "waf" && s.Source.Name == "OrleansGateway.Edge");
                Assert.Contains(spans, s => s.OperationName == "integration" && s.Kind == ActivityKind.Client);
                // The cold bucket's lease: an Orleans client span under the throttle span.
                var throttle = spans.First(s => s.OperationName == "throttle");
                Assert.Contains(spans, s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.ParentSpanId == throttle.SpanId);
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "no request met the stage throttle within 30 s");
            await Task.Delay(100);
        }
    }

    /// <summary>The stopped spans of <paramref name="traceId"/>, once one named <paramref name="last"/> has stopped.</summary>
    private async Task<List<Activity>> SpansOfAsync(ActivityTraceId traceId, string last)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var spans = _stopped.Where(a => a.TraceId == traceId).ToList();
            if (spans.Any(s => s.OperationName == last) || DateTime.UtcNow > deadline)
            {
                return spans;
            }
            await Task.Delay(20);
        }
    }

    private Task ProbeUntilAsync(Func<HttpResponseMessage, bool> done) => _edge.WaitUntilServedAsync(_apiId, "/prod/items", done);
}
