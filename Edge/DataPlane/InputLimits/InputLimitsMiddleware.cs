using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.DataPlane.InputLimits;

/// <summary>
/// Refuses requests whose framing, headers or target are malformed, right after the route
/// matched (so the stage's gateway responses and request ids apply) and before any authorizer,
/// WAF rule or integration sees them. What Kestrel refuses itself (bad request lines, NUL/CR in
/// headers, obs-fold, duplicate Content-Length, bare LF with the switch set) never gets here; this covers
/// what it lets through:
/// <list type="bullet">
/// <item><c>Transfer-Encoding</c> with <c>Content-Length</c> (RFC 9112 §6.1), anything but a single
/// <c>chunked</c>, or on HTTP/1.0: 400;</item>
/// <item>header names that are not RFC 9110 tokens, control characters in header values: 400;</item>
/// <item>a target with bad percent-encoding or invalid UTF-8: 400; too many or too long query
/// parameters: 400; an over-long query string, path segment or segment count: 414;</item>
/// <item>a chunked body with broken framing (read to the end first): 400.</item>
/// </list>
/// A body that was read is rewound, so the integration forwards it byte for byte. JSON bodies are
/// checked later, by <see cref="JsonBodyCheckMiddleware"/>.
/// </summary>
internal sealed partial class InputLimitsMiddleware
{
    private const string RenamedContentLength = "X-Content-Length";

    // Every control character but tab (Kestrel refuses some of them itself: NUL, CR, LF, VT).
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\u0000");

    // RFC 9110 §5.6.2 tchar: Kestrel accepts separators such as '(' in names, which the forwarder then drops.
    private static readonly SearchValues<char> TokenCharacters = SearchValues.Create(
        "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly RequestDelegate _next;
    private readonly InputLimitsOptions _limits;
    private readonly long _maxBodyBytes;
    private readonly ILogger<InputLimitsMiddleware> _logger;

    public InputLimitsMiddleware(
        RequestDelegate next,
        IOptions<InputLimitsOptions> limits,
        IOptions<DataPlaneListenerOptions> listener,
        ILogger<InputLimitsMiddleware> logger)
    {
        _next = next;
        _limits = limits.Value;
        _maxBodyBytes = listener.Value.MaxRequestBodyBytes;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers;
        var chunked = false;
        if (headers.TryGetValue(HeaderNames.TransferEncoding, out var transferEncoding))
        {
            // Kestrel honours the chunked framing and renames a Content-Length sent with it to
            // X-Content-Length: either name here means the client sent both.
            if (!IsSingleChunked(transferEncoding) || headers.ContainsKey(HeaderNames.ContentLength) || headers.ContainsKey(RenamedContentLength)
                || HttpProtocol.IsHttp10(request.Protocol))
            {
                return RefuseAsync(context, GatewayResponseType.BadRequestParameters, "conflicting or unsupported Transfer-Encoding");
            }
            chunked = true;
        }
        if (HasMalformedHeader(headers))
        {
            return RefuseAsync(context, GatewayResponseType.BadRequestParameters, "a header name that is not a token or a control character in a value");
        }
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        switch (RequestTargetCheck.Check(rawTarget, _limits))
        {
            case RequestTargetProblem.BadEncoding:
                return RefuseAsync(context, GatewayResponseType.BadRequestParameters, "invalid percent-encoding or UTF-8 in the URL");
            case RequestTargetProblem.BadQuery:
                return RefuseAsync(context, GatewayResponseType.BadRequestParameters, "too many or too long query parameters");
            case RequestTargetProblem.TooLong:
                return RefuseAsync(context, GatewayResponseType.RequestUriTooLong, "URL over a size limit");
        }

        if (chunked && _limits.BufferChunkedBodies)
        {
            return ReadChunkedBodyFirstAsync(context);
        }
        return _next(context);
    }

    /// <summary>
    /// Reads a chunked body to its end (buffered: 64 KB in memory, the rest in a temp file) so broken
    /// framing is refused before anything is forwarded, then rewinds it.
    /// </summary>
    private async Task ReadChunkedBodyFirstAsync(HttpContext context)
    {
        var request = context.Request;
        // The size limit is counted here, by the buffer, rather than by the server: when the server's
        // own limit trips it ends the connection at once, with the client's next chunks unread, and
        // closing a socket with unread bytes makes the kernel send a reset that can destroy the 413
        // before the client reads it. Counting here lets the refusal read on for a while (below).
        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            bodySize.MaxRequestBodySize = null;
        }
        var wire = request.Body;
        request.EnableBuffering(bufferThreshold: BodyBuffering.MemoryThreshold, bufferLimit: _maxBodyBytes);
        try
        {
            await DrainAsync(request.Body, long.MaxValue, context.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            await RefuseAsync(context, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? GatewayResponseType.RequestTooLarge : GatewayResponseType.BadRequestBody,
                "unreadable body");
            return;
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // EnableBuffering's own limit.
            await RefuseTooLargeAndLingerAsync(context, wire);
            return;
        }
        request.Body.Position = 0;
        await _next(context);
    }

    /// <summary>
    /// Answers 413 and closes the connection the way servers do it without losing the answer: the
    /// response goes out first, then what the client is still sending is read and dropped for a
    /// bounded time and size (nginx's "lingering close"), so the close is a clean FIN the client reads
    /// the 413 before. A client that keeps sending past the bounds is cut off.
    /// </summary>
    private async Task RefuseTooLargeAndLingerAsync(HttpContext context, Stream wire)
    {
        // On starting: writing the gateway response clears the headers set before it.
        context.Response.OnStarting(static response =>
        {
            ((HttpResponse)response).Headers.Connection = "close";
            return Task.CompletedTask;
        }, context.Response);
        await RefuseAsync(context, GatewayResponseType.RequestTooLarge, "body over the size limit");
        await context.Response.CompleteAsync();
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        linger.CancelAfter(_limits.LingerAfterRefusal);
        try
        {
            if (await DrainAsync(wire, _maxBodyBytes, linger.Token))
            {
                return;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
        }
        context.Abort();
    }

    /// <summary>Reads and drops up to <paramref name="maximumBytes"/>; true when the body ended within them.</summary>
    private static async ValueTask<bool> DrainAsync(Stream body, long maximumBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long read = 0;
            int count;
            while ((count = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                read += count;
                if (read > maximumBytes)
                {
                    return false;
                }
            }
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Task RefuseAsync(HttpContext context, GatewayResponseType type, string reason)
    {
        var request = context.Features.Get<ExecuteApiRequest>();
        Log.Refused(_logger, request?.ApiId ?? string.Empty, request?.StageName ?? string.Empty, reason);
        return context.WriteGatewayResponseAsync(type);
    }

    /// <summary>Exactly one transfer coding, <c>chunked</c> (case-insensitive: coding names are).</summary>
    private static bool IsSingleChunked(StringValues values) =>
        values.Count == 1 && string.Equals(values[0], "chunked", StringComparison.OrdinalIgnoreCase);

    private static bool HasMalformedHeader(IHeaderDictionary headers)
    {
        foreach (var (name, values) in headers)
        {
            if (name.AsSpan().ContainsAnyExcept(TokenCharacters))
            {
                return true;
            }
            foreach (var value in values)
            {
                if (value is not null && value.AsSpan().ContainsAny(ControlCharacters))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1551, Level = LogLevel.Debug, Message = "API {ApiId} stage {StageName}: request refused at the edge ({Reason})")]
        public static partial void Refused(ILogger logger, string apiId, string stageName, string reason);
    }
}
