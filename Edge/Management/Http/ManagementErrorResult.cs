using OrleansGateway.Edge.Http;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Http;

/// <summary>
/// API Gateway's error shape: the status, <c>x-amzn-ErrorType: Name</c> and <c>{"message": "..."}</c>.
/// SDKs read the error name from the header, so it is set on every failure.
/// </summary>
internal sealed class ManagementErrorResult(int statusCode, string errorType, string message) : IResult
{
    /// <summary>HTTP status.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Error name.</summary>
    public string ErrorType { get; } = errorType;

    /// <summary>Human-readable message.</summary>
    public string Message { get; } = message;

    /// <summary>The result for an exception a grain or the listener threw on purpose.</summary>
    public static ManagementErrorResult From(ManagementException exception) => exception.ErrorType switch
    {
        ManagementErrorType.BadRequest => new(StatusCodes.Status400BadRequest, "BadRequestException", exception.Message),
        ManagementErrorType.NotFound => new(StatusCodes.Status404NotFound, "NotFoundException", exception.Message),
        ManagementErrorType.Conflict => new(StatusCodes.Status409Conflict, "ConflictException", exception.Message),
        ManagementErrorType.TooManyRequests => new(StatusCodes.Status429TooManyRequests, "TooManyRequestsException", exception.Message),
        ManagementErrorType.LimitExceeded => new(StatusCodes.Status429TooManyRequests, "LimitExceededException", exception.Message),
        ManagementErrorType.Unauthorized => new(StatusCodes.Status401Unauthorized, "UnauthorizedException", exception.Message),
        ManagementErrorType.Validation => new(StatusCodes.Status400BadRequest, "ValidationException", exception.Message),
        _ => new(StatusCodes.Status400BadRequest, "BadRequestException", exception.Message),
    };

    /// <inheritdoc/>
    public Task ExecuteAsync(HttpContext httpContext) => AwsErrorResponse.WriteAsync(httpContext, StatusCode, ErrorType, Message);
}
