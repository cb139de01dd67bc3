namespace OrleansGateway.Edge.WebSockets.Authorization;

/// <summary>
/// The outcome of <c>$connect</c> authorization: allowed (with the authorizer context as JSON and the
/// authorizer's <c>usageIdentifierKey</c>, if any) or refused with a status.
/// </summary>
internal readonly record struct ConnectAuthorization(int RefusalStatus, string? AuthorizerContextJson, string? UsageIdentifierKey = null)
{
    /// <summary>True when the connection may proceed.</summary>
    public bool Allowed => RefusalStatus == 0;

    public static ConnectAuthorization Allow(string? contextJson, string? usageIdentifierKey = null) => new(0, contextJson, usageIdentifierKey);

    public static ConnectAuthorization Refuse(int status) => new(status, null);
}
