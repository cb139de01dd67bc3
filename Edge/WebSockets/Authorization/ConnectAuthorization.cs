namespace OrleansGateway.Edge.WebSockets.Authorization;

/// <summary>The outcome of <c>$connect</c> authorization: allowed (with the authorizer context as JSON) or refused with a status.</summary>
internal readonly record struct ConnectAuthorization(int RefusalStatus, string? AuthorizerContextJson)
{
    /// <summary>True when the connection may proceed.</summary>
    public bool Allowed => RefusalStatus == 0;

    public static ConnectAuthorization Allow(string? contextJson) => new(0, contextJson);

    public static ConnectAuthorization Refuse(int status) => new(status, null);
}
