namespace OrleansGateway.Edge.Security.Policies;

/// <summary>One compiled statement of a <see cref="PolicyDocument"/>.</summary>
internal sealed class PolicyStatement
{
    /// <summary>The statement's <c>Sid</c>, if any.</summary>
    public required string? Sid { get; init; }

    /// <summary>True for <c>"Effect": "Deny"</c>.</summary>
    public required bool IsDeny { get; init; }

    /// <summary><c>Principal</c> or <c>NotPrincipal</c>; null when the statement has neither (identity policies).</summary>
    public required PolicyPrincipal? Principal { get; init; }

    /// <summary>True when <see cref="Principal"/> came from <c>NotPrincipal</c>.</summary>
    public required bool NotPrincipal { get; init; }

    /// <summary><c>Action</c> or <c>NotAction</c> patterns (case-insensitive).</summary>
    public required WildcardPattern[] Actions { get; init; }

    /// <summary>True when <see cref="Actions"/> came from <c>NotAction</c>.</summary>
    public required bool NotAction { get; init; }

    /// <summary><c>Resource</c> or <c>NotResource</c> patterns (case-sensitive).</summary>
    public required WildcardPattern[] Resources { get; init; }

    /// <summary>True when <see cref="Resources"/> came from <c>NotResource</c>.</summary>
    public required bool NotResource { get; init; }

    /// <summary>The conditions, all of which must hold.</summary>
    public required PolicyCondition[] Conditions { get; init; }

    /// <summary>True when the statement applies to the request (its effect then counts).</summary>
    public bool Applies(PolicyRequest request)
    {
        if (Principal is not null && Principal.Matches(request.PrincipalArn, request.PrincipalAccount) == NotPrincipal)
        {
            return false;
        }
        if (AnyMatches(Actions, request.Action) == NotAction || AnyMatches(Resources, request.Resource) == NotResource)
        {
            return false;
        }
        foreach (var condition in Conditions)
        {
            if (!condition.IsSatisfied(request.ConditionValues))
            {
                return false;
            }
        }
        return true;
    }

    private static bool AnyMatches(WildcardPattern[] patterns, string value)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(value))
            {
                return true;
            }
        }
        return false;
    }
}
