using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Grains.Interfaces.Iam;

namespace OrleansGateway.Edge.Iam;

/// <summary>An access key as the edge holds it in memory: owner, status, plaintext secret, parsed policies.</summary>
/// <param name="AccessKeyId">The key id.</param>
/// <param name="User">The owner.</param>
/// <param name="Active">Whether the key may sign requests.</param>
/// <param name="Secret">The secret access key; never logged, never leaves the process.</param>
/// <param name="Policies">The owner's inline identity policies.</param>
public sealed record IamCallerCredentials(string AccessKeyId, IamUser User, bool Active, string Secret, IReadOnlyList<PolicyDocument> Policies)
{
    /// <summary>Keeps the secret out of logs and debugger displays that print records.</summary>
    public override string ToString() => $"IamCallerCredentials {{ AccessKeyId = {AccessKeyId}, User = {User.Arn}, Active = {Active} }}";
}
