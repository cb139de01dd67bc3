using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// <c>dotnet OrleansGateway.Edge.dll audit verify --Gateway:Audit:Redis=… --Gateway:Audit:DigestKey=…</c> (or <c>--Gateway:Admin:SecretAccessKey=…</c> when the key is derived from it):
/// checks the trail without starting the gateway, prints the findings as JSON and exits 0 (intact),
/// 1 (findings) or 2 (unusable settings). Settings also come from <c>GATEWAY__AUDIT__…</c>-style environment variables.
/// </summary>
public static class AuditVerifyCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Runs the command; <paramref name="args"/> are the <c>--Key=Value</c> settings after <c>audit verify</c>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var options = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new();
        var validation = new AuditOptionsValidation().Validate(null, options);
        if (validation.Failed)
        {
            await output.WriteLineAsync(validation.FailureMessage);
            return 2;
        }
        var hasKey = !string.IsNullOrEmpty(options.DigestKey) || !string.IsNullOrEmpty(configuration["Gateway:Admin:SecretAccessKey"]);
        if (!hasKey || AuditTrailComposition.RedisFor(configuration, options) is null && string.IsNullOrWhiteSpace(options.FilePath))
        {
            await output.WriteLineAsync("audit verify needs Gateway:Audit:DigestKey (or Gateway:Admin:SecretAccessKey) and a stored trail (Gateway:Audit:Redis, Gateway:Cluster:Redis with Gateway:Mode=Cluster, or Gateway:Audit:FilePath).");
            return 2;
        }
        try
        {
            var store = AuditTrailComposition.Store(configuration, options);
            var result = await new AuditVerifier(store, AuditTrailComposition.Signer(configuration, options)).VerifyAsync(CancellationToken.None);
            await output.WriteLineAsync(JsonSerializer.Serialize(result, Indented));
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            return result.Valid ? 0 : 1;
        }
        catch (Exception e) when (e is OptionsValidationException or StackExchange.Redis.RedisException)
        {
            await output.WriteLineAsync(e.Message);
            return 2;
        }
    }
}
