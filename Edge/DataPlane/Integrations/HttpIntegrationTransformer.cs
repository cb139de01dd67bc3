using Microsoft.AspNetCore.Http.Features;
using OrleansGateway.Edge.DataPlane.Integrations.Mappings;
using OrleansGateway.Edge.DataPlane.Pipeline;
using Yarp.ReverseProxy.Forwarder;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// HTTP (non-proxy): only mapped headers (and the body's own Content-Type/Length) reach the
/// backend; the backend status selects an integration response, which decides the caller's
/// status and headers; the body passes through. One stateless instance serves every request.
/// </summary>
internal sealed class HttpIntegrationTransformer : HttpTransformer
{
    public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        // The base class is not called: it would copy every caller header.
        var request = httpContext.Features.GetRequiredFeature<ExecuteApiRequest>();
        var exchange = request.Exchange!;
        if (proxyRequest.Content is not null)
        {
            var incoming = httpContext.Request;
            if (incoming.ContentType is { } contentType)
            {
                proxyRequest.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
            if (incoming.ContentLength is { } length && !incoming.Headers.ContainsKey("Transfer-Encoding"))
            {
                proxyRequest.Content.Headers.ContentLength = length;
            }
        }
        IntegrationRequestHeaders.Apply(httpContext, request, exchange.Integration, proxyRequest);
        if (exchange.Integration.BackendMethod is { } method)
        {
            proxyRequest.Method = method;
        }
        proxyRequest.RequestUri = exchange.Integration.RequestMappings.ApplyToUri(httpContext, request, exchange.Destination);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null)
        {
            return false;
        }
        var request = httpContext.Features.GetRequiredFeature<ExecuteApiRequest>();
        var exchange = request.Exchange!;
        exchange.OnHeadersReceived((int)proxyResponse.StatusCode);

        var selected = exchange.Integration.Responses.Select((int)proxyResponse.StatusCode);
        if (selected is null)
        {
            // Discard the backend's body; the forwarder answers API_CONFIGURATION_ERROR.
            exchange.NoIntegrationResponse = true;
            return false;
        }

        // Only a mapping that reads the body makes the gateway hold it; otherwise it streams through.
        var body = selected.ReadsResponseBody ? await ResponseBodyBuffer.ReadAsync(proxyResponse, cancellationToken) : null;
        using var backend = new BackendResponseView(proxyResponse, body);

        var response = httpContext.Response;
        response.StatusCode = selected.StatusCode;
        if (httpContext.Features.Get<IHttpResponseFeature>() is { } responseFeature)
        {
            responseFeature.ReasonPhrase = null;
        }
        var content = proxyResponse.Content.Headers;
        if (content.ContentType is { } contentType)
        {
            response.ContentType = contentType.ToString();
        }
        if (content.ContentLength is { } length && !proxyResponse.Headers.TransferEncodingChunked.GetValueOrDefault())
        {
            response.ContentLength = length;
        }
        foreach (var header in selected.Headers)
        {
            // An absent source leaves the header out, as in API Gateway.
            var values = header.Value.Read(httpContext, request, backend);
            if (values.Count > 0)
            {
                response.Headers[header.Name] = values.Count == 1 ? values : string.Join(',', values.ToArray());
            }
        }
        RequestIdentity.Stamp(response, request);
        return true;
    }
}
