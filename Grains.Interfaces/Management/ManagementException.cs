namespace OrleansGateway.Grains.Interfaces.Management;

/// <summary>
/// A management call that failed for a reason the caller must see (not found, conflict, bad input).
/// Grains throw it; the management listener turns it into API Gateway's error shape.
/// </summary>
[GenerateSerializer, Alias("og.ManagementException")]
public sealed class ManagementException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ManagementException(ManagementErrorType errorType, string message) : base(message) => ErrorType = errorType;

    /// <summary>The API Gateway error name.</summary>
    [Id(0)]
    public ManagementErrorType ErrorType { get; }

    /// <summary>Shorthand for 404 NotFoundException.</summary>
    public static ManagementException NotFound(string message) => new(ManagementErrorType.NotFound, message);

    /// <summary>Shorthand for 400 BadRequestException.</summary>
    public static ManagementException BadRequest(string message) => new(ManagementErrorType.BadRequest, message);

    /// <summary>Shorthand for 409 ConflictException.</summary>
    public static ManagementException Conflict(string message) => new(ManagementErrorType.Conflict, message);
}
