using System.Security.Cryptography;
using OrleansGateway.Edge.DevMode;

namespace OrleansGateway.Edge.ApiKeys;

/// <summary>
/// Reads the API key secret from configuration. In dev mode, when none is configured, one is
/// generated once and kept in <c>{DataDirectory}/api-key-secret</c> (0600) so keys created in an
/// earlier run still resolve; in cluster mode a missing or short secret stops the edge at start.
/// </summary>
internal static class ApiKeySecret
{
    /// <summary>The shortest secret accepted.</summary>
    public const int MinimumBytes = 32;

    private const string FileName = "api-key-secret";

    /// <summary>The secret bytes; throws (at start) when it is missing or unusable.</summary>
    public static byte[] Load(IConfiguration configuration, bool devMode)
    {
        var configured = configuration.GetSection(ApiKeySecretOptions.Section).Get<ApiKeySecretOptions>()?.Secret;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured, $"{ApiKeySecretOptions.Section}:Secret");
        }
        if (!devMode)
        {
            throw new InvalidOperationException(
                $"{ApiKeySecretOptions.Section}:Secret is required in cluster mode (base64 of at least {MinimumBytes} random bytes, the same on every edge).");
        }
        var options = configuration.GetSection(DevModeOptions.Section).Get<DevModeOptions>() ?? new();
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, FileName));
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }
        var secret = RandomNumberGenerator.GetBytes(MinimumBytes);
        PrivateFile.Write(path, Convert.ToBase64String(secret) + "\n");
        return secret;
    }

    private static byte[] Decode(string text, string source)
    {
        try
        {
            var bytes = Convert.FromBase64String(text);
            if (bytes.Length >= MinimumBytes)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
            // Reported below without echoing the text.
        }
        throw new InvalidOperationException($"The API key secret in {source} must be base64 of at least {MinimumBytes} bytes.");
    }
}
