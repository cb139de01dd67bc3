using System.Text.Json;

namespace OrleansGateway.Edge.Security.Policies;

/// <summary>
/// A statement's <c>Principal</c> (or <c>NotPrincipal</c>). <c>"*"</c> matches everyone, anonymous
/// callers included; <c>{"AWS": ...}</c> matches only authenticated (IAM) callers: by ARN, by
/// 12-digit account id or <c>arn:aws:iam::{account}:root</c> (any caller of that account), or
/// <c>"*"</c> (any IAM caller). Other principal types (Service, Federated, CanonicalUser) are
/// accepted but never match a gateway caller.
/// </summary>
internal sealed class PolicyPrincipal
{
    private readonly bool _everyone;
    private readonly bool _anyIamCaller;
    private readonly string[] _arns;
    private readonly string[] _accounts;

    public PolicyPrincipal(bool everyone, bool anyIamCaller, string[] arns, string[] accounts)
    {
        _everyone = everyone;
        _anyIamCaller = anyIamCaller;
        _arns = arns;
        _accounts = accounts;
    }

    /// <summary>True when the caller is one of the listed principals.</summary>
    public bool Matches(string? principalArn, string? principalAccount)
    {
        if (_everyone)
        {
            return true;
        }
        if (principalArn is null)
        {
            // Anonymous callers are only ever "*".
            return false;
        }
        if (_anyIamCaller)
        {
            return true;
        }
        foreach (var arn in _arns)
        {
            if (string.Equals(arn, principalArn, StringComparison.Ordinal))
            {
                return true;
            }
        }
        if (principalAccount is not null)
        {
            foreach (var account in _accounts)
            {
                if (string.Equals(account, principalAccount, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Reads a <c>Principal</c>/<c>NotPrincipal</c> element; <paramref name="where"/> locates it in error messages.</summary>
    public static PolicyPrincipal Read(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*"
                ? new PolicyPrincipal(everyone: true, anyIamCaller: false, [], [])
                : throw new PolicyDocumentException($"{where} must be \"*\" or an object such as {{\"AWS\": \"arn:aws:iam::123456789012:root\"}}");
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyDocumentException($"{where} must be \"*\" or an object");
        }
        var anyIamCaller = false;
        var arns = new List<string>();
        var accounts = new List<string>();
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{where}.{property.Name}";
            var values = PolicyDocumentParser.ReadStrings(property.Value, at);
            switch (property.Name)
            {
                case "AWS":
                    foreach (var value in values)
                    {
                        if (value == "*")
                        {
                            anyIamCaller = true;
                        }
                        else if (value.AsSpan().IndexOfAny('*', '?') >= 0)
                        {
                            throw new PolicyDocumentException($"{at}: \"{value}\" has a wildcard; only \"*\" alone may stand for any principal");
                        }
                        else if (value.Length > 0 && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
                        {
                            // Account ids are 12 digits in AWS; shorter ones occur in templates (SAM's AwsAccountWhitelist tests)
                            // and can only ever match a caller of that exact account id.
                            accounts.Add(value);
                        }
                        else if (TryReadRootAccount(value, out var account))
                        {
                            accounts.Add(account);
                        }
                        else if (value.StartsWith("arn:", StringComparison.Ordinal))
                        {
                            arns.Add(value);
                        }
                        else
                        {
                            throw new PolicyDocumentException($"{at}: \"{value}\" is not \"*\", an account id or an ARN");
                        }
                    }
                    break;
                case "Service" or "Federated" or "CanonicalUser":
                    // Valid IAM, but no gateway caller is ever one of these.
                    break;
                default:
                    throw new PolicyDocumentException($"Unknown principal type \"{property.Name}\" in {where} (expected AWS, Service, Federated, CanonicalUser)");
            }
        }
        return new PolicyPrincipal(everyone: false, anyIamCaller, [.. arns], [.. accounts]);
    }

    /// <summary><c>arn:aws:iam::123456789012:root</c> names every principal of the account.</summary>
    private static bool TryReadRootAccount(string value, out string account)
    {
        const string Prefix = "arn:aws:iam::";
        const string Suffix = ":root";
        account = "";
        if (value.Length != Prefix.Length + 12 + Suffix.Length
            || !value.StartsWith(Prefix, StringComparison.Ordinal) || !value.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }
        account = value.Substring(Prefix.Length, 12);
        return account.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
    }
}
