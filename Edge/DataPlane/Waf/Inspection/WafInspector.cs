using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Compilation;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Waf.Inspection;

/// <summary>
/// Runs the stage's web ACL on a request. Routing calls it as soon as the stage is known, before
/// the resource is matched, CORS, authorizers, keys and validation: API Gateway runs WAF first,
/// so a request for a path that does not exist is inspected too, and a blocked request costs the
/// gateway nothing more and never reaches the backend.
/// </summary>
internal sealed partial class WafInspector
{
    private readonly IWebAclSource _source;
    private readonly WafRuntime _runtime;
    private readonly WafMetrics _metrics;
    private readonly ILogger<WafInspector> _logger;
    private readonly int _bodyLimit;
    private readonly long _maxBodyBytes;

    public WafInspector(
        IWebAclSource source,
        WafRuntime runtime,
        WafMetrics metrics,
        IOptions<WafOptions> options,
        IOptions<Hosting.DataPlaneListenerOptions> listener,
        ILogger<WafInspector> logger)
    {
        _source = source;
        _runtime = runtime;
        _metrics = metrics;
        _logger = logger;
        _bodyLimit = options.Value.BodyInspectionLimitBytes;
        _maxBodyBytes = listener.Value.MaxRequestBodyBytes;
    }

    /// <summary>The web ACL associated with <paramref name="stage"/>, or null (then nothing is inspected).</summary>
    public CompiledWebAcl? WebAclFor(CompiledStage stage) => _source.ForStage(stage.ApiId, stage.StageName);

    /// <summary>
    /// Evaluates <paramref name="webAcl"/>; true when the request may go on, false when it was
    /// blocked and the response (403 <c>WAF_FILTERED</c> or the rule's custom response) written.
    /// </summary>
    public async Task<bool> AllowsAsync(HttpContext context, ExecuteApiRequest request, CompiledWebAcl webAcl)
    {
        byte[]? rented = null;
        try
        {
            var body = InspectedBody.None;
            if (webAcl.InspectsBody && MayHaveBody(context))
            {
                rented = ArrayPool<byte>.Shared.Rent(_bodyLimit + 1);
                body = await ReadBodyAsync(context, rented);
            }
            var httpRequest = context.Request;
            var (path, query) = RawTarget(context);
            var wafRequest = new WafRequest(httpRequest.Method, path, query, httpRequest.Headers, body.Bytes, body.Length, body.Oversize,
                httpRequest.ContentType, context.Connection.RemoteIpAddress, _runtime, webAcl.SlotCount, webAcl.RawSlotCount);
            var verdict = webAcl.Evaluate(wafRequest);
            Report(webAcl, wafRequest, request, verdict);
            if (verdict.Action == WafActionKind.Allow)
            {
                return true;
            }
            await BlockAsync(context, request, verdict);
            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void Report(CompiledWebAcl webAcl, WafRequest wafRequest, ExecuteApiRequest request, WafVerdict verdict)
    {
        if (wafRequest.CountedRules is { } counted)
        {
            foreach (var rule in counted)
            {
                _metrics.Matched(webAcl.Name, rule, WafActionKind.Count);
                Log.RuleMatched(_logger, webAcl.Name, rule, "COUNT", wafRequest.SourceIpText, request.RequestId);
            }
        }
        if (verdict.RuleName is { } terminating)
        {
            _metrics.Matched(webAcl.Name, terminating, verdict.Action);
            if (verdict.Action == WafActionKind.Block)
            {
                Log.Blocked(_logger, webAcl.Name, terminating, wafRequest.SourceIpText, request.RequestId);
            }
            else
            {
                Log.RuleMatched(_logger, webAcl.Name, terminating, "ALLOW", wafRequest.SourceIpText, request.RequestId);
            }
        }
        else if (verdict.Action == WafActionKind.Block)
        {
            Log.Blocked(_logger, webAcl.Name, "(default action)", wafRequest.SourceIpText, request.RequestId);
        }
    }

    private static Task BlockAsync(HttpContext context, ExecuteApiRequest request, WafVerdict verdict)
    {
        if (verdict.CustomResponse is not { } custom)
        {
            return context.WriteGatewayResponseAsync(GatewayResponseType.WafFiltered);
        }
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }
        response.Clear();
        RequestIdentity.Stamp(response, request);
        request.ErrorType = GatewayResponseType.WafFiltered;
        request.ErrorMessage = "Forbidden";
        response.StatusCode = custom.StatusCode;
        foreach (var (name, value) in custom.Headers)
        {
            response.Headers[name] = value;
        }
        if (custom.Body is not { } body)
        {
            response.ContentLength = 0;
            return Task.CompletedTask;
        }
        response.ContentType = custom.ContentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    private static bool MayHaveBody(HttpContext context) =>
        context.Request.ContentLength is not 0 && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false;

    /// <summary>
    /// Reads at most the inspection limit (one byte more to tell an oversize chunked body), with
    /// buffering on so the body is rewound for the integration, which still forwards all of it.
    /// </summary>
    private async Task<InspectedBody> ReadBodyAsync(HttpContext context, byte[] buffer)
    {
        var httpRequest = context.Request;
        httpRequest.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: _maxBodyBytes);
        var wanted = httpRequest.ContentLength is { } declared ? (int)Math.Min(declared, _bodyLimit) : _bodyLimit + 1;
        var read = 0;
        try
        {
            while (read < wanted)
            {
                var count = await httpRequest.Body.ReadAsync(buffer.AsMemory(read, wanted - read), context.RequestAborted);
                if (count == 0)
                {
                    break;
                }
                read += count;
            }
        }
        catch (BadHttpRequestException)
        {
            // Too large or malformed: inspect what arrived; the integration's read fails the same way.
        }
        catch (IOException)
        {
            // The client went away or EnableBuffering's own limit; the same.
        }
        if (httpRequest.Body.CanSeek)
        {
            httpRequest.Body.Position = 0;
        }
        var oversize = httpRequest.ContentLength is { } length ? length > _bodyLimit : read > _bodyLimit;
        var inspected = Math.Min(read, _bodyLimit);
        return new InspectedBody(buffer.AsMemory(0, inspected), httpRequest.ContentLength ?? read, oversize);
    }

    /// <summary>The path and query as the client sent them (still encoded: decoding is the rules' transformations' job).</summary>
    private static (string Path, string Query) RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            var query = context.Request.QueryString.Value ?? string.Empty;
            return ((context.Request.PathBase + context.Request.Path).Value ?? "/", query.StartsWith('?') ? query[1..] : query);
        }
        var mark = raw.IndexOf('?');
        return mark < 0 ? (raw, string.Empty) : (raw[..mark], raw[(mark + 1)..]);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1601, Level = LogLevel.Information,
            Message = "WAF web ACL {WebAcl} blocked request {RequestId} from {SourceIp} (rule {Rule})")]
        public static partial void Blocked(ILogger logger, string webAcl, string rule, string sourceIp, string requestId);

        [LoggerMessage(EventId = 1602, Level = LogLevel.Debug,
            Message = "WAF web ACL {WebAcl} rule {Rule} matched request {RequestId} from {SourceIp} ({Action})")]
        public static partial void RuleMatched(ILogger logger, string webAcl, string rule, string action, string sourceIp, string requestId);
    }
}
