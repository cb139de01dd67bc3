using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using OrleansGateway.Edge.Security.Policies;

namespace OrleansGateway.Edge.Management.Iam;

/// <summary>One IAM query request's parameters, checked against IAM's constraints as they are read.</summary>
internal sealed partial class IamInput(Dictionary<string, StringValues> form)
{
    /// <summary>IAM's largest inline policy document before whitespace is discounted.</summary>
    public const int MaxPolicyDocumentLength = 131_072;

    /// <summary>The request's <c>Action</c>.</summary>
    public string? Action => Optional("Action");

    /// <summary><c>UserName</c>: 1–64 of <c>[\w+=,.@-]</c>.</summary>
    public string UserName() => Matching("UserName", "userName", NamePattern(), 64);

    /// <summary><c>PolicyName</c>: 1–128 of <c>[\w+=,.@-]</c>.</summary>
    public string PolicyName() => Matching("PolicyName", "policyName", NamePattern(), 128);

    /// <summary><c>AccessKeyId</c>: 16–128 word characters.</summary>
    public string AccessKeyId()
    {
        var value = Matching("AccessKeyId", "accessKeyId", WordPattern(), 128);
        return value.Length >= 16 ? value : throw Constraint(value, "accessKeyId", "Member must have length greater than or equal to 16");
    }

    /// <summary><c>Status</c>: Active or Inactive.</summary>
    public bool Active()
    {
        var value = Required("Status", "status");
        return value switch
        {
            "Active" => true,
            "Inactive" => false,
            _ => throw Constraint(value, "status", "Member must satisfy enum value set: [Active, Inactive]"),
        };
    }

    /// <summary><c>Path</c>: <c>/</c> or <c>/…/</c> of printable ASCII, at most 512; <c>/</c> when absent.</summary>
    public string Path()
    {
        var value = Optional("Path") ?? "/";
        return value.Length <= 512 && PathPattern().IsMatch(value)
            ? value
            : throw Constraint(value, "path", @"Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)");
    }

    /// <summary><c>PolicyDocument</c>: a valid identity policy (no Principal), else MalformedPolicyDocument.</summary>
    public string PolicyDocumentText()
    {
        var value = Required("PolicyDocument", "policyDocument");
        if (value.Length > MaxPolicyDocumentLength)
        {
            throw Constraint("(document)", "policyDocument", $"Member must have length less than or equal to {MaxPolicyDocumentLength}");
        }
        try
        {
            _ = PolicyDocument.Parse(value, MaxPolicyDocumentLength);
        }
        catch (PolicyDocumentException e)
        {
            throw Malformed(e.Message);
        }
        if (NamesPrincipal(value))
        {
            throw Malformed("Policy document should not specify a principal.");
        }
        return value;
    }

    /// <summary><c>MaxItems</c> (1–1000, default 100).</summary>
    public int MaxItems()
    {
        var value = Optional("MaxItems");
        if (value is null)
        {
            return 100;
        }
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
            ? n
            : throw Constraint(value, "maxItems", "Member must have value between 1 and 1000");
    }

    /// <summary><c>Marker</c>, if given.</summary>
    public string? Marker() => Optional("Marker");

    private string? Optional(string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    private string Required(string name, string member) => Optional(name) is { Length: > 0 } value ? value : throw IamQueryException.Missing(member);

    private string Matching(string name, string member, Regex pattern, int maxLength)
    {
        var value = Required(name, member);
        if (value.Length > maxLength)
        {
            throw Constraint(value[..Math.Min(value.Length, 128)], member, $"Member must have length less than or equal to {maxLength}");
        }
        return pattern.IsMatch(value) ? value : throw Constraint(value, member, $"Member must satisfy regular expression pattern: {pattern}");
    }

    private static IamQueryException Constraint(string value, string member, string constraint) =>
        IamQueryException.Validation($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    private static IamQueryException Malformed(string message) =>
        new(StatusCodes.Status400BadRequest, "MalformedPolicyDocument", message);

    /// <summary>Identity policies name no principal; the engine accepts both kinds, so this is checked here.</summary>
    private static bool NamesPrincipal(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("Statement", out var statements))
        {
            return false;
        }
        var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
        return list.Exists(s => s.ValueKind == JsonValueKind.Object && (s.TryGetProperty("Principal", out _) || s.TryGetProperty("NotPrincipal", out _)));
    }

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_]+$")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^(/|/[\x21-\x7E]+/)$")]
    private static partial Regex PathPattern();
}
