using OrleansGateway.Edge.DataPlane.Authorization;

namespace OrleansGateway.Edge.Security.Policies;

/// <summary>
/// An IAM policy document (resource policy, identity policy or an authorizer's policy), parsed and
/// compiled once; <see cref="Evaluate"/> then runs on the request path without parsing or allocating
/// beyond what condition values need (an IP address).
/// </summary>
public sealed class PolicyDocument
{
    private readonly PolicyStatement[] _statements;

    internal PolicyDocument(string? version, PolicyStatement[] statements)
    {
        Version = version;
        _statements = statements;
    }

    /// <summary>The document's <c>Version</c>, if given.</summary>
    public string? Version { get; }

    /// <summary>How many statements the document has.</summary>
    public int StatementCount => _statements.Length;

    /// <summary>
    /// True when every statement names a <c>Principal</c> or <c>NotPrincipal</c>, as a resource
    /// policy must (identity policies have none).
    /// </summary>
    public bool EveryStatementHasPrincipal => Array.TrueForAll(_statements, s => s.Principal is not null);

    /// <summary>
    /// Parses and validates <paramref name="json"/>.
    /// </summary>
    /// <param name="json">The policy document.</param>
    /// <param name="maxLength">The longest document accepted, in characters.</param>
    /// <exception cref="PolicyDocumentException">The document is invalid; the message says why.</exception>
    public static PolicyDocument Parse(string json, int maxLength = 20480) => PolicyDocumentParser.Parse(json, maxLength);

    /// <summary>
    /// IAM's evaluation within one policy: any matching Deny → <see cref="PolicyEffect.ExplicitDeny"/>;
    /// otherwise any matching Allow → <see cref="PolicyEffect.Allow"/>; otherwise
    /// <see cref="PolicyEffect.NotMatched"/>.
    /// </summary>
    public PolicyEffect Evaluate(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allowed = false;
        foreach (var statement in _statements)
        {
            // Once allowed, only a Deny can change the outcome: skip the remaining Allows.
            if ((allowed && !statement.IsDeny) || !statement.Applies(request))
            {
                continue;
            }
            if (statement.IsDeny)
            {
                return PolicyEffect.ExplicitDeny;
            }
            allowed = true;
        }
        return allowed ? PolicyEffect.Allow : PolicyEffect.NotMatched;
    }
}
