namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>Grain keys of the throttle buckets, one per level API Gateway has.</summary>
public static class ThrottleKeys
{
    /// <summary>The gateway-wide (account-level) bucket.</summary>
    public const string Account = "account";

    /// <summary>A stage's method setting (<paramref name="methodKey"/> is <c>"/pets/GET"</c> or <c>"*/*"</c>).</summary>
    public static string StageMethod(string apiId, string stage, string methodKey) => $"stage|{apiId}|{stage}|{methodKey}";

    /// <summary>One key's bucket in one plan.</summary>
    public static string Client(string planId, string keyId) => $"client|{planId}|{keyId}";

    /// <summary>One key's bucket for one method of one API stage in one plan.</summary>
    public static string ClientMethod(string planId, string keyId, string apiId, string stage, string methodKey) =>
        $"clientmethod|{planId}|{keyId}|{apiId}|{stage}|{methodKey}";
}
