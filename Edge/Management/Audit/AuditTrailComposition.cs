using Microsoft.Extensions.Options;
using OrleansGateway.Silo.Hosting;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>Chooses the trail's store and signing key from configuration (the edge and the <c>audit verify</c> command share it).</summary>
internal static class AuditTrailComposition
{
    /// <summary>The Redis configuration string the trail uses, or null for memory.</summary>
    public static string? RedisFor(IConfiguration configuration, AuditOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            return options.Redis;
        }
        var cluster = string.Equals(configuration["Gateway:Mode"], "Cluster", StringComparison.OrdinalIgnoreCase);
        return cluster ? configuration.GetSection(GatewayClusterOptions.Section).Get<GatewayClusterOptions>()?.Redis : null;
    }

    public static IAuditStore Store(IConfiguration configuration, AuditOptions options) =>
        RedisFor(configuration, options) is { } redis
            ? new RedisAuditStore(redis, options.KeyPrefix)
            : new MemoryAuditStore(string.IsNullOrWhiteSpace(options.FilePath) ? null : options.FilePath);

    /// <summary>The signer; a random key only when the trail lives in this process's memory.</summary>
    public static AuditSigner Signer(IConfiguration configuration, AuditOptions options)
    {
        if (!string.IsNullOrEmpty(options.DigestKey))
        {
            return new AuditSigner(options.DigestKey);
        }
        if (RedisFor(configuration, options) is null && string.IsNullOrWhiteSpace(options.FilePath))
        {
            return AuditSigner.WithRandomKey();
        }
        // A persistent trail signed with a throw-away key could never be verified after a restart.
        throw new OptionsValidationException(AuditOptions.Section, typeof(AuditOptions),
            ["Gateway:Audit:DigestKey is required when the audit trail is stored in Redis or a file."]);
    }
}
