using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Http;

/// <summary>
/// Gives every management response a request id and turns every failure into API Gateway's error
/// shape. Unexpected exceptions are logged and answered with a bare 500 so no stack trace or
/// internal detail reaches the caller.
/// </summary>
internal sealed partial class ManagementErrorFilter(ILogger<ManagementErrorFilter> logger) : IEndpointFilter
{
    /// <summary>The request-id header API Gateway's control plane sends.</summary>
    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;

        // An earlier stage (SigV4) may have assigned the id already; keep one id per request.
        if (!http.Response.Headers.ContainsKey(RequestIdHeader))
        {
            http.Response.Headers[RequestIdHeader] = Guid.NewGuid().ToString();
        }
        try
        {
            return await next(context);
        }
        catch (ManagementException exception)
        {
            return ManagementErrorResult.From(exception);
        }
        catch (ManagementRequestException exception)
        {
            return new ManagementErrorResult(exception.StatusCode, exception.ErrorType, exception.Message);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own limits (body size, malformed framing) surface while the body is read.
            return exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new ManagementErrorResult(StatusCodes.Status413PayloadTooLarge, "PayloadTooLargeException", "Request body too large")
                : new ManagementErrorResult(StatusCodes.Status400BadRequest, "BadRequestException", "Invalid request");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody reads the answer.
            return Results.Empty;
        }
        catch (Exception exception)
        {
            Log.UnexpectedFailure(logger, exception, http.Request.Method, (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
            return new ManagementErrorResult(StatusCodes.Status500InternalServerError, "InternalFailure", "Internal server error");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Management call {Method} {Route} failed unexpectedly")]
        public static partial void UnexpectedFailure(ILogger logger, Exception exception, string method, string? route);
    }
}
