namespace OrleansGateway.Grains.Interfaces.Iam;

/// <summary>The outcome of an IAM directory operation: a value, or an IAM error with its message.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value when <see cref="Error"/> is <see cref="IamErrorCode.None"/>.</param>
/// <param name="Error">The error code.</param>
/// <param name="Message">IAM's message for the error.</param>
[GenerateSerializer, Immutable, Alias("og.IamResult`1")]
public sealed record IamResult<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] IamErrorCode Error,
    [property: Id(2)] string? Message)
{
    /// <summary>A success.</summary>
    public static IamResult<T> Ok(T value) => new(value, IamErrorCode.None, null);

    /// <summary>A failure.</summary>
    public static IamResult<T> Fail(IamErrorCode error, string message) => new(default, error, message);
}
