using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Edge.DataPlane.Compilation;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.DataPlane.Pipeline;

/// <summary>
/// First stage of the data plane: stamps the request ids, enforces readiness and size limits,
/// and matches host → API, first path segment → stage, rest → resource and method. Sets
/// <see cref="ExecuteApiRequest"/> for the stages after it. Reads only the current immutable
/// routing snapshot: no locks, no parsing of configuration, no remote calls.
/// </summary>
internal sealed class DataPlaneRoutingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RoutingTableStore _store;
    private readonly TimeProvider _time;
    private readonly long _maxBodyBytes;
    private readonly TimeSpan _catchUpWait;
    private readonly Waf.Inspection.WafInspector _waf;

    public DataPlaneRoutingMiddleware(
        RequestDelegate next,
        RoutingTableStore store,
        TimeProvider time,
        IOptions<DataPlaneListenerOptions> options,
        IOptions<ConfigSyncOptions> syncOptions,
        Waf.Inspection.WafInspector waf)
    {
        _waf = waf;
        _catchUpWait = syncOptions.Value.CatchUpWait;
        _next = next;
        _store = store;
        _time = time;
        _maxBodyBytes = options.Value.MaxRequestBodyBytes;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = RequestIdentity.Create(_time);
        context.Features.Set(request);
        RequestIdentity.Stamp(context.Response, request);

        if (!_store.IsReady)
        {
            return WaitForCurrentTablesAsync(context);
        }
        return RouteAsync(context, request);
    }

    // Off the hot path: only before the first sync (503 at once) or while catching up after a
    // reconnect, when a request waits briefly rather than be routed by tables that may be stale.
    private async Task WaitForCurrentTablesAsync(HttpContext context)
    {
        if (!_store.HasSynced || !await _store.WhenCurrentAsync(_catchUpWait, context.RequestAborted))
        {
            await context.WriteGatewayResponseAsync(GatewayResponseType.ServiceUnavailable);
            return;
        }
        await RouteAsync(context, context.Features.GetRequiredFeature<ExecuteApiRequest>());
    }

    private Task RouteAsync(HttpContext context, ExecuteApiRequest request)
    {

        // A declared body over the limit is refused before anything reads it; a chunked body is
        // cut off by the server when it crosses the same limit while being streamed.
        if (context.Request.ContentLength > _maxBodyBytes)
        {
            return context.WriteGatewayResponseAsync(GatewayResponseType.RequestTooLarge);
        }
        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            bodySize.MaxRequestBodySize = _maxBodyBytes;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        if (path.Length + (context.Request.QueryString.Value?.Length ?? 0) > DataPlaneLimits.MaxUrlLength)
        {
            return context.WriteGatewayResponseAsync(GatewayResponseType.RequestUriTooLong);
        }

        if (!ExecuteApiHost.TryGetApiId(context.Request.Headers.Host.ToString(), out var apiId)
            || !_store.TryGetApi(apiId, out var api))
        {
            return context.WriteGatewayResponseAsync(GatewayResponseType.MissingAuthenticationToken);
        }

        // "/{stage}/{resource path}": the stage is the first segment.
        var afterSlash = path.AsSpan(path.StartsWith('/') ? 1 : 0);
        var stageEnd = afterSlash.IndexOf('/');
        var stageName = stageEnd < 0 ? afterSlash : afterSlash[..stageEnd];
        if (stageName.IsEmpty || !api.TryGetStage(stageName, out var stage))
        {
            return context.WriteGatewayResponseAsync(GatewayResponseType.MissingAuthenticationToken);
        }
        request.Stage = stage;
        // WAF first, as in API Gateway: before CORS, the resource match and everything after.
        if (_waf.WebAclFor(stage) is { } webAcl)
        {
            return InspectThenRouteAsync(context, request, stage, webAcl);
        }
        return RouteWithinStageAsync(context, request, stage);
    }

    private async Task InspectThenRouteAsync(HttpContext context, ExecuteApiRequest request, CompiledStage stage, Waf.CompiledWebAcl webAcl)
    {
        if (await Observability.Tracing.GatewayTracing.InspectAsync(_waf, context, request, webAcl))
        {
            await RouteWithinStageAsync(context, request, stage);
        }
    }

    private Task RouteWithinStageAsync(HttpContext context, ExecuteApiRequest request, CompiledStage stage)
    {
        if (stage.Cors is { } cors)
        {
            // Preflights are the gateway's to answer (HTTP API style) even with no OPTIONS route,
            // and before authorizers: browsers send no credentials on them.
            if (Cors.CorsPolicy.IsPreflight(context.Request))
            {
                return cors.AnswerPreflightAsync(context);
            }
            Cors.CorsPolicy.ApplyOnResponseStart(context);
        }

        // The path's first segment is the stage's name; the rest is the resource path.
        var path = context.Request.Path.Value ?? string.Empty;
        var afterSlash = path.AsSpan(path.StartsWith('/') ? 1 : 0);
        var stageEnd = afterSlash.IndexOf('/');
        var resourcePath = stageEnd < 0 ? [] : afterSlash[stageEnd..];
        switch (stage.Routes.TryMatch(context.Request.Method, resourcePath, out var match))
        {
            case RouteMatchStatus.Matched:
                request.Method = match.Method;
                request.PathParameterValues = match.PathParameterValues;
                return _next(context);
            case RouteMatchStatus.TooManySegments:
                return context.WriteGatewayResponseAsync(GatewayResponseType.RequestUriTooLong);
            default:
                return context.WriteGatewayResponseAsync(GatewayResponseType.MissingAuthenticationToken);
        }
    }
}
