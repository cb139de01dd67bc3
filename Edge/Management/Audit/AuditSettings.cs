namespace OrleansGateway.Edge.Management.Audit;

/// <summary>What the trail needs from configuration beyond <see cref="AuditOptions"/>, resolved once at start.</summary>
/// <param name="AccountId">The account id written into records.</param>
/// <param name="DigestEvery">A digest after every this many records.</param>
/// <param name="AdminUserName">The user name of the admin key.</param>
/// <param name="MaxParameterBytes">Largest recorded parameter JSON.</param>
/// <param name="MaxScanPerLookup">Most records one lookup scans.</param>
public sealed record AuditSettings(string AccountId, int DigestEvery, string AdminUserName, int MaxParameterBytes, int MaxScanPerLookup);
