using System.Diagnostics;
using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.Observability.Tracing;

/// <summary>
/// The edge's spans (activity source <c>OrleansGateway.Edge</c>): <c>waf</c>, <c>authorizer</c>,
/// <c>throttle</c>, <c>quota</c> and <c>integration</c>, children of ASP.NET Core's request span.
/// Spans are only started under a recorded request span, so an unsampled request pays one check per stage.
/// </summary>
public static class GatewayTracing
{
    /// <summary>The activity source's name, for exporters to subscribe to.</summary>
    public const string SourceName = "OrleansGateway.Edge";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts a child span of the current (request) span, or returns null when that one is not
    /// recorded: parent-based sampling would drop the child anyway, and skipping it saves the
    /// activity an unsampled request would otherwise allocate at each stage.
    /// </summary>
    internal static Activity? StartChild(string name, ActivityKind kind = ActivityKind.Internal) =>
        Activity.Current is { Recorded: true } ? Source.StartActivity(name, kind) : null;

    /// <summary>Starts a span for one pipeline stage of a routed request, tagged with its API and stage.</summary>
    internal static Activity? StartStage(string name, ExecuteApiRequest request, ActivityKind kind = ActivityKind.Internal)
    {
        var activity = StartChild(name, kind);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("aws.apigateway.api_id", request.ApiId);
            activity.SetTag("aws.apigateway.stage", request.StageName);
            activity.SetTag("aws.apigateway.request_id", request.RequestId);
        }
        return activity;
    }

    /// <summary>Runs the stage's WAF inspection inside a <c>waf</c> span.</summary>
    internal static async Task<bool> InspectAsync(
        DataPlane.Waf.Inspection.WafInspector waf, HttpContext context, ExecuteApiRequest request, DataPlane.Waf.CompiledWebAcl webAcl)
    {
        using var span = StartStage("waf", request);
        var allowed = await waf.AllowsAsync(context, request, webAcl);
        span?.SetTag("waf.allowed", allowed);
        return allowed;
    }
}
