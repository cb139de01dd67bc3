namespace OrleansGateway.Edge.Security.Policies;

/// <summary>What a policy is evaluated against: one action on one resource by one principal.</summary>
/// <param name="Action">The action, e.g. <c>execute-api:Invoke</c> (matched case-insensitively).</param>
/// <param name="Resource">The resource ARN, e.g. a method ARN (matched case-sensitively).</param>
/// <param name="PrincipalArn">The caller's ARN (an IAM user); null for anonymous callers.</param>
/// <param name="PrincipalAccount">The caller's account id; null for anonymous callers.</param>
/// <param name="ConditionValues">
/// The request's condition keys, keyed lower-case (<c>aws:sourceip</c>, <c>aws:sourcevpce</c>,
/// <c>aws:useragent</c>, <c>aws:currenttime</c>, <c>aws:username</c>, ...). A key that is absent
/// is "not present in the request context" in IAM's sense.
/// </param>
public sealed record PolicyRequest(
    string Action,
    string Resource,
    string? PrincipalArn,
    string? PrincipalAccount,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ConditionValues);
