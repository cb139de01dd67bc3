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
}
