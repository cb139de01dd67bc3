using System.Security.Cryptography;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>
/// Turns a plain key value into what the grains store (hash and ciphertext) at the edge, so the
/// value never crosses into a grain or storage. Also generates values and key ids.
/// </summary>
internal static class ApiKeyValues
{
    /// <summary>Length of generated values (as API Gateway's).</summary>
    public const int GeneratedLength = 40;

    /// <summary>Shortest value CreateApiKey accepts.</summary>
    public const int MinLength = 20;

    /// <summary>Shortest value a CSV import accepts.</summary>
    public const int MinImportLength = 30;

    /// <summary>Longest value.</summary>
    public const int MaxLength = 128;

    private const int KeyIdLength = 10;

    /// <summary>A new random key id.</summary>
    public static string NewKeyId() => IdGenerator.Next(KeyIdLength);

    /// <summary>A new random value: 40 alphanumerics (about 238 bits).</summary>
    public static string Generate() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", GeneratedLength);

    /// <summary>Why <paramref name="value"/> is unacceptable, or null: printable ASCII without spaces, within the length bounds.</summary>
    public static string? Problem(string value, int minimumLength)
    {
        if (value.Length < minimumLength || value.Length > MaxLength)
        {
            return $"API Key value must be between {minimumLength} and {MaxLength} characters";
        }
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return "API Key value must contain only printable ASCII characters and no spaces";
            }
        }
        return null;
    }

    /// <summary>400 unless acceptable.</summary>
    public static void Validate(string value, int minimumLength)
    {
        if (Problem(value, minimumLength) is { } problem)
        {
            throw ManagementException.BadRequest(problem);
        }
    }

    /// <summary>The record the grains store for a value: its hash and its ciphertext, bound to <paramref name="keyId"/>.</summary>
    public static ApiKeyRecord Seal(
        string keyId, string value, string? name, string? description, bool enabled, string? customerId,
        IReadOnlyList<string> stageKeys, IReadOnlyDictionary<string, string> tags, DateTimeOffset now,
        ApiKeyValueHash hash, ApiKeyValueCipher cipher) =>
        new(keyId, name, description, enabled, customerId, now, now, stageKeys, tags, hash.Compute(value), cipher.Encrypt(keyId, value));
}
