namespace OrleansGateway.Grains.Interfaces.ApiKeys;

/// <summary>
/// The write side of <see cref="IApiKeyValueGrain"/> (same grain, same key: the value hash).
/// The key grain owns the claim and the enabled flag; the usage plan directory owns the plan ids.
/// Every change is written, then pushed to the edges.
/// </summary>
[Alias("og.IApiKeyValueClaimGrain")]
public interface IApiKeyValueClaimGrain : IGrainWithStringKey
{
    /// <summary>
    /// Claims the value for <paramref name="keyId"/>. Returns the id of the key that holds the
    /// value afterwards: <paramref name="keyId"/>, or another key's id if the value was taken.
    /// </summary>
    [Alias("Claim")]
    Task<string> Claim(string keyId, bool enabled);

    /// <summary>Sets the enabled flag; ignored unless <paramref name="keyId"/> holds the value.</summary>
    [Alias("SetEnabled")]
    Task SetEnabled(string keyId, bool enabled);

    /// <summary>Sets the key's plans; ignored unless <paramref name="keyId"/> holds the value.</summary>
    [Alias("SetUsagePlans")]
    Task SetUsagePlans(string keyId, IReadOnlyList<string> usagePlanIds);

    /// <summary>Releases the value if <paramref name="keyId"/> holds it.</summary>
    [Alias("Release")]
    Task Release(string keyId);
}
