using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Edge.Management.UsagePlans;

/// <summary>Maps API keys to API Gateway's <c>UsagePlanKey</c> (which, as in API Gateway, carries the value).</summary>
internal static class UsagePlanKeys
{
    /// <summary>The only key type.</summary>
    public const string ApiKeyType = "API_KEY";

    /// <summary>Maps a key.</summary>
    public static UsagePlanKeyResponse From(ApiKeyRecord record, ApiKeyValueCipher cipher) =>
        new(record.Id, ApiKeyType, cipher.Decrypt(record.Id, record.EncryptedValue), record.Name);
}
