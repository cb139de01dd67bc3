namespace OrleansGateway.Edge.WebSockets.Limits;

/// <summary>Whether a message (or a <c>$connect</c>) may go on, and if not, the <c>message</c> of API Gateway's error frame.</summary>
internal readonly record struct UsageAdmission(string? RefusalMessage)
{
    /// <summary>Throttled by a usage plan, stage route or the per-key bucket.</summary>
    public const string TooManyRequests = "Too Many Requests";

    /// <summary>The key's quota for the period is used up.</summary>
    public const string LimitExceeded = "Limit Exceeded";

    /// <summary>True when admitted.</summary>
    public bool Allowed => RefusalMessage is null;

    /// <summary>Admitted.</summary>
    public static UsageAdmission Admit { get; } = new(null);
}
