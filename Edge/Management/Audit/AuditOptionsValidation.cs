using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>Rejects unusable audit settings at start, without ever echoing the digest key.</summary>
internal sealed class AuditOptionsValidation : IValidateOptions<AuditOptions>
{
    /// <summary>Shortest digest key accepted: an HMAC-SHA256 key should carry at least 256 bits.</summary>
    public const int MinDigestKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.DigestKey) && options.DigestKey.Length < MinDigestKeyLength)
        {
            failures.Add($"Gateway:Audit:DigestKey must be at least {MinDigestKeyLength} characters.");
        }
        if (options.DigestEvery is < 1 or > 100_000)
        {
            failures.Add("Gateway:Audit:DigestEvery must be between 1 and 100000.");
        }
        if (options.MaxParameterBytes is < 256 or > 1024 * 1024)
        {
            failures.Add("Gateway:Audit:MaxParameterBytes must be between 256 and 1048576.");
        }
        if (options.MaxScanPerLookup is < 50 or > 1_000_000)
        {
            failures.Add("Gateway:Audit:MaxScanPerLookup must be between 50 and 1000000.");
        }
        if (options.SpoolCapacity is < 1 or > 1_000_000)
        {
            failures.Add("Gateway:Audit:SpoolCapacity must be between 1 and 1000000.");
        }
        if (options.RefusedCallsPerSource is < 0 or > 100_000 || options.RefusedCallsTotal is < 0 or > 1_000_000)
        {
            failures.Add("Gateway:Audit:RefusedCallsPerSource (0-100000) and RefusedCallsTotal (0-1000000) are out of range.");
        }
        if (options.RefusedCallsWindowSeconds is < 1 or > 86_400)
        {
            failures.Add("Gateway:Audit:RefusedCallsWindowSeconds must be between 1 and 86400.");
        }
        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            failures.Add("Gateway:Audit:KeyPrefix must not be empty.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
