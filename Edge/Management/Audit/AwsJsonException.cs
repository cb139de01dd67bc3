namespace OrleansGateway.Edge.Management.Audit;

/// <summary>A client error in an AWS JSON-protocol call, answered as <c>{"__type": Type, "message": …}</c>.</summary>
public sealed class AwsJsonException(string type, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    /// <summary>The error name (<c>InvalidLookupAttributesException</c>, <c>ValidationException</c>, …).</summary>
    public string Type { get; } = type;

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>A ValidationException.</summary>
    public static AwsJsonException Validation(string message) => new("ValidationException", message);
}
