namespace OrleansGateway.Edge.ApiKeys;

/// <summary>The gateway secret API key values are hashed and encrypted under (<c>Gateway:ApiKeys</c>).</summary>
public sealed class ApiKeySecretOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:ApiKeys";

    /// <summary>
    /// Base64 of at least 32 random bytes; every edge of a cluster must have the same one. Required
    /// in cluster mode; dev mode generates one when absent. Never logged.
    /// </summary>
    public string? Secret { get; set; }
}
