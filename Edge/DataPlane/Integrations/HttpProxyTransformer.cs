using Microsoft.AspNetCore.Http.Features;
using OrleansGateway.Edge.DataPlane.Integrations.Mappings;
using OrleansGateway.Edge.DataPlane.Pipeline;
using Yarp.ReverseProxy.Forwarder;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// HTTP_PROXY: forwards the caller's headers (YARP drops hop-by-hop ones), adds
/// <c>X-Forwarded-For</c>/<c>-Proto</c>, applies request mappings and the compiled destination;
/// passes the backend's response through, with the integration's HTTP API style response mappings
/// for its status applied. One stateless instance serves every request.
/// </summary>
internal sealed class HttpProxyTransformer : HttpTransformer
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedProto = "X-Forwarded-Proto";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var request = httpContext.Features.GetRequiredFeature<ExecuteApiRequest>();
        var exchange = request.Exchange!;

        // The backend sees its own host name, as behind API Gateway.
        proxyRequest.Headers.Host = null;

        var clientIp = httpContext.Connection.RemoteIpAddress?.ToString();
        if (clientIp is not null)
        {
            var prior = httpContext.Request.Headers[ForwardedFor];
            proxyRequest.Headers.Remove(ForwardedFor);
            proxyRequest.Headers.TryAddWithoutValidation(ForwardedFor, prior.Count == 0 ? clientIp : prior + ", " + clientIp);
        }
        proxyRequest.Headers.Remove(ForwardedProto);
        proxyRequest.Headers.TryAddWithoutValidation(ForwardedProto, httpContext.Request.Scheme);

        IntegrationRequestHeaders.Apply(httpContext, request, exchange.Integration, proxyRequest);
        if (exchange.Integration.BackendMethod is { } method)
        {
            proxyRequest.Method = method;
        }
        proxyRequest.RequestUri = exchange.Integration.RequestMappings.ApplyToUri(httpContext, request, exchange.Destination);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var request = httpContext.Features.GetRequiredFeature<ExecuteApiRequest>();
        if (proxyResponse is null)
        {
            return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        }
        request.Exchange!.OnHeadersReceived((int)proxyResponse.StatusCode);
        var mappings = request.Exchange.Integration.ResponseMappings.For((int)proxyResponse.StatusCode);
        // Only a mapping that reads the body makes the gateway hold it; otherwise it streams through.
        var body = mappings is { ReadsResponseBody: true } ? await ResponseBodyBuffer.ReadAsync(proxyResponse, cancellationToken) : null;
        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        if (mappings is not null)
        {
            using var backend = new BackendResponseView(proxyResponse, body);
            mappings.Apply(httpContext, request, backend);
            DropBodyIfStatusForbidsOne(httpContext.Response, proxyResponse);
        }
        RequestIdentity.Stamp(httpContext.Response, request);
        return copy;
    }

    // overwrite:statuscode may turn a response with a body into a 204 or 304, which cannot carry one.
    private static void DropBodyIfStatusForbidsOne(HttpResponse response, HttpResponseMessage proxyResponse)
    {
        if (response.StatusCode is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
            || (int)proxyResponse.StatusCode == response.StatusCode)
        {
            return;
        }
        response.Headers.ContentLength = null;
        response.Headers.ContentType = default;
        proxyResponse.Content.Dispose();
        proxyResponse.Content = new ByteArrayContent([]);
    }
}
