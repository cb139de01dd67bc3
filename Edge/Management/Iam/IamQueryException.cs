namespace OrleansGateway.Edge.Management.Iam;

/// <summary>An IAM error to answer in IAM's XML shape (<c>ErrorResponse/Error/Code</c>).</summary>
internal sealed class IamQueryException(int statusCode, string code, string message) : Exception(message)
{
    /// <summary>HTTP status.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>IAM's error code, e.g. <c>NoSuchEntity</c>.</summary>
    public string Code { get; } = code;

    /// <summary>400 ValidationError.</summary>
    public static IamQueryException Validation(string message) => new(StatusCodes.Status400BadRequest, "ValidationError", message);

    /// <summary>400 ValidationError for a missing parameter, in IAM's wording.</summary>
    public static IamQueryException Missing(string member) =>
        Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");
}
