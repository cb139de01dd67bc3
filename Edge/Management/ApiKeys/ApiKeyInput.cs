using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>Guards on API key ids and texts from requests.</summary>
internal static partial class ApiKeyInput
{
    /// <summary>Longest name, description or customer id.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>Most deprecated stage keys on one key.</summary>
    public const int MaxStageKeys = 100;

    /// <summary>The key id from a URL, or 404 as API Gateway answers an unknown id.</summary>
    public static string KeyId(string keyId) =>
        IdPattern().IsMatch(keyId) ? keyId : throw ManagementException.NotFound("Invalid API Key identifier specified");

    /// <summary>Whether <paramref name="keyId"/> could be a key id (for bodies, which answer 400 or 404 themselves).</summary>
    public static bool IsKeyId(string? keyId) => keyId is not null && IdPattern().IsMatch(keyId);

    /// <summary>A query value, bounded.</summary>
    public static string? Query(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return value.Length == 0 ? null : value.Length <= MaxTextLength ? value : throw ManagementException.BadRequest($"Invalid {name} specified");
    }

    /// <summary>A boolean query flag (<c>true</c> in any case; anything else is false, as the SDKs only send true/false).</summary>
    public static bool Flag(HttpRequest request, string name) =>
        string.Equals(request.Query[name].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
