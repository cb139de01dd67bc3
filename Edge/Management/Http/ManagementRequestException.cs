namespace OrleansGateway.Edge.Management.Http;

/// <summary>
/// A request the listener rejects before any grain sees it, under an error name that
/// <see cref="Grains.Interfaces.Management.ManagementErrorType"/> does not cover
/// (SerializationException, PayloadTooLargeException, UnknownOperationException).
/// </summary>
internal sealed class ManagementRequestException(int statusCode, string errorType, string message) : Exception(message)
{
    /// <summary>HTTP status sent to the caller.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The <c>x-amzn-ErrorType</c> name.</summary>
    public string ErrorType { get; } = errorType;

    /// <summary>400 SerializationException: the body is not the JSON the operation expects.</summary>
    public static ManagementRequestException Serialization(string message) =>
        new(StatusCodes.Status400BadRequest, "SerializationException", message);

    /// <summary>413: the body is larger than the operation accepts.</summary>
    public static ManagementRequestException PayloadTooLarge(long maximumBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "PayloadTooLargeException", $"Request body exceeds the maximum of {maximumBytes} bytes");
}
