using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>Writes gateway responses; the one way the data plane answers with an error.</summary>
public static class GatewayResponseWriter
{
    private const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>
    /// Answers the request with the gateway response of <paramref name="type"/> from the matched
    /// stage's table (or the defaults before a stage matched). Does nothing if the response has started.
    /// </summary>
    public static Task WriteGatewayResponseAsync(this HttpContext context, GatewayResponseType type)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }
        var request = context.Features.Get<ExecuteApiRequest>();
        var gatewayResponse = (request?.GatewayResponses ?? GatewayResponseTable.Default)[type];

        response.Clear();
        response.StatusCode = gatewayResponse.StatusCode;
        response.ContentType = "application/json";
        response.ContentLength = gatewayResponse.Body.Length;
        response.Headers[ErrorTypeHeader] = gatewayResponse.ErrorType;
        if (request is not null)
        {
            RequestIdentity.Stamp(response, request);
        }
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(gatewayResponse.Body).AsTask();
    }
}
