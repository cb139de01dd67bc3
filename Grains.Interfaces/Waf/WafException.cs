namespace OrleansGateway.Grains.Interfaces.Waf;

/// <summary>
/// A WAFv2 call that failed for a reason the caller must see. Grains throw it; the management
/// listener writes it as <c>{"__type":"WAF…Exception","Message":…}</c>.
/// </summary>
[GenerateSerializer, Alias("og.WafException")]
public sealed class WafException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WafException(WafErrorType errorType, string message, string? field = null, string? parameter = null, string? reason = null)
        : base(message)
    {
        ErrorType = errorType;
        Field = field;
        Parameter = parameter;
        Reason = reason;
    }

    /// <summary>Which WAF error.</summary>
    [Id(0)] public WafErrorType ErrorType { get; }

    /// <summary>For invalid parameters: the field WAF names (e.g. <c>RULE</c>, <c>IP_ADDRESS</c>).</summary>
    [Id(1)] public string? Field { get; }

    /// <summary>For invalid parameters: the offending value.</summary>
    [Id(2)] public string? Parameter { get; }

    /// <summary>For invalid parameters: why it is invalid.</summary>
    [Id(3)] public string? Reason { get; }

    /// <summary>The wire name of the error.</summary>
    public string TypeName => $"WAF{ErrorType}Exception";

    /// <summary>WAF's answer for an entity that does not exist.</summary>
    public static WafException Nonexistent() =>
        new(WafErrorType.NonexistentItem, "AWS WAF couldn’t perform the operation because your resource doesn’t exist.");

    /// <summary>WAF's answer for an invalid parameter.</summary>
    public static WafException InvalidParameter(string field, string? parameter, string reason) =>
        new(WafErrorType.InvalidParameter, $"Error reason: {reason}, field: {field}, parameter: {parameter}", field, parameter, reason);

    /// <summary>WAF's answer when a bound is hit.</summary>
    public static WafException Limits(string what) =>
        new(WafErrorType.LimitsExceeded, $"AWS WAF couldn’t perform the operation because you exceeded your resource limit: {what}.");
}
