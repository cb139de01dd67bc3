namespace OrleansGateway.Grains.Interfaces.Iam;

/// <summary>A caller user, as IAM's <c>User</c> shape shows it.</summary>
/// <param name="UserName">Unique name (1–64 of <c>[\w+=,.@-]</c>).</param>
/// <param name="UserId">Stable id, <c>AIDA</c> + 17 characters.</param>
/// <param name="Arn"><c>arn:aws:iam::{account}:user{path}{name}</c>.</param>
/// <param name="Path">IAM path, <c>/</c> by default.</param>
/// <param name="CreateDate">When it was created.</param>
[GenerateSerializer, Immutable, Alias("og.IamUser")]
public sealed record IamUser(
    [property: Id(0)] string UserName,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Arn,
    [property: Id(3)] string Path,
    [property: Id(4)] DateTimeOffset CreateDate);
