using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>
/// The JSON object of one WAFv2 call, with typed readers that answer a missing or malformed member
/// with WAFInvalidParameterException, as WAF does.
/// </summary>
internal sealed partial class WafInput(JsonElement root)
{
    /// <summary>The request object.</summary>
    public JsonElement Root { get; } = root;

    /// <summary>A member, or null when absent or JSON null.</summary>
    public JsonElement? Member(string name) =>
        Root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string member, or null when absent.</summary>
    public string? OptionalString(string name, string field) => Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw WafException.InvalidParameter(field, null, $"{name} must be a string"),
    };

    /// <summary>A string member that must be present and non-empty.</summary>
    public string RequiredString(string name, string field) =>
        OptionalString(name, field) is { Length: > 0 } value ? value : throw WafException.InvalidParameter(field, null, $"{name} is required");

    /// <summary>An integer member, or null when absent.</summary>
    public long? OptionalInteger(string name, string field) => Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
        _ => throw WafException.InvalidParameter(field, null, $"{name} must be an integer"),
    };

    /// <summary>An entity name: 1–128 word characters or hyphens, as WAF.</summary>
    public string Name(string field) =>
        RequiredString("Name", field) is var name && name.Length <= 128 && NamePattern().IsMatch(name)
            ? name
            : throw WafException.InvalidParameter(field, name, "Name must be 1-128 characters of letters, digits, '_' or '-'");

    /// <summary>An entity id (a UUID).</summary>
    public string Id(string field) =>
        RequiredString("Id", field) is var id && id.Length <= 36 ? id : throw WafException.InvalidParameter(field, id, "Id is invalid");

    /// <summary>A lock token (a UUID).</summary>
    public string LockToken(string field) =>
        RequiredString("LockToken", field) is var token && token.Length <= 36 ? token : throw WafException.InvalidParameter(field, token, "LockToken is invalid");

    /// <summary>An optional description of at most 256 characters.</summary>
    public string? Description(string field)
    {
        var description = OptionalString("Description", field);
        return description is { Length: > 256 }
            ? throw WafException.InvalidParameter(field, null, "Description must be at most 256 characters")
            : description;
    }

    /// <summary>Scope, which must be REGIONAL: there is no CloudFront here.</summary>
    public void RequireRegionalScope()
    {
        var scope = RequiredString("Scope", "SCOPE_VALUE");
        if (scope != "REGIONAL")
        {
            throw WafException.InvalidParameter("SCOPE_VALUE", scope, "Only REGIONAL scope is supported by this gateway");
        }
    }

    [GeneratedRegex(@"^[\w\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
