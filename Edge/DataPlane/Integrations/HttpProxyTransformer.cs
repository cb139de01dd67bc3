using Microsoft.AspNetCore.Http.Features;
using OrleansGateway.Edge.DataPlane.Pipeline;
using Yarp.ReverseProxy.Forwarder;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// HTTP_PROXY: forwards the caller's headers (YARP drops hop-by-hop ones), adds
/// <c>X-Forwarded-For</c>/<c>-Proto</c>, applies header mappings and the compiled destination;
/// passes the backend's response through. One stateless instance serves every request.
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
        proxyRequest.RequestUri = exchange.Destination;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var request = httpContext.Features.GetRequiredFeature<ExecuteApiRequest>();
        if (proxyResponse is not null)
        {
            request.Exchange!.OnHeadersReceived((int)proxyResponse.StatusCode);
        }
        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        RequestIdentity.Stamp(httpContext.Response, request);
        return copy;
    }
}
