using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Security.SigV4;
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

    /// <summary>
    /// The spool for a Redis trail (none for memory, which cannot fail): <c>SpoolPath</c>, else a file
    /// named for this edge and trail that a restarted edge finds again (so not the process-specific edge id).
    /// </summary>
    public static AuditSpool? Spool(IConfiguration configuration, AuditOptions options)
    {
        if (RedisFor(configuration, options) is not { } redis)
        {
            return null;
        }
        var path = options.SpoolPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            // The trail's identity is in the name, so records spooled for one trail are never drained into another.
            var trail = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(redis + "\n" + options.KeyPrefix)))[..12];
            var dev = string.Equals(configuration["Gateway:Mode"] ?? "Dev", "Dev", StringComparison.OrdinalIgnoreCase);
            var edge = configuration["Gateway:EdgeId"] ?? "edge-" + (configuration["Gateway:DataPlane:HttpPort"] ?? "8080");
            path = dev
                ? Path.Combine(configuration["Gateway:Dev:DataDirectory"] ?? ".gateway-dev", $"audit-spool-{trail}.jsonl")
                // The temporary directory is writable in every image (the working directory of the .NET
                // images is not, for their non-root user) and survives a crash of the process, not of the machine.
                : Path.Combine(Path.GetTempPath(), "orleansgateway-audit-spool", $"{string.Concat(edge.Split(Path.GetInvalidFileNameChars()))}-{trail}.jsonl");
        }
        try
        {
            return new AuditSpool(path, options.SpoolCapacity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Refuse to start rather than run without the spool: records would be lost in the next Redis outage.
            throw new InvalidOperationException(
                $"Gateway:Audit:SpoolPath: cannot open the audit spool '{Path.GetFullPath(path)}' ({e.Message}). Set it to a writable, persistent file that no other edge uses.", e);
        }
    }

    /// <summary>
    /// The signer: <c>Gateway:Audit:DigestKey</c>; else a key derived (HKDF-SHA256) from the admin secret
    /// key, which every edge of a cluster shares and which Redis never holds; else, for a trail kept
    /// only in this process's memory, a random key.
    /// </summary>
    public static AuditSigner Signer(IConfiguration configuration, AuditOptions options)
    {
        if (!string.IsNullOrEmpty(options.DigestKey))
        {
            return new AuditSigner(options.DigestKey);
        }
        if (configuration[$"{AdminCredentialsOptions.Section}:SecretAccessKey"] is { Length: > 0 } adminSecret)
        {
            var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(adminSecret), 32, info: Encoding.UTF8.GetBytes("orleansgateway audit digest v1"));
            return new AuditSigner(Convert.ToBase64String(derived));
        }
        if (RedisFor(configuration, options) is null && string.IsNullOrWhiteSpace(options.FilePath))
        {
            return AuditSigner.WithRandomKey();
        }
        // A persistent trail signed with a throw-away key could never be verified after a restart.
        throw new OptionsValidationException(AuditOptions.Section, typeof(AuditOptions),
            ["Gateway:Audit:DigestKey (or the admin key Gateway:Admin:SecretAccessKey) is required when the audit trail is stored in Redis or a file."]);
    }
}
