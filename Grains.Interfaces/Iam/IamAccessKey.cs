namespace OrleansGateway.Grains.Interfaces.Iam;

/// <summary>An access key's metadata (IAM's <c>AccessKeyMetadata</c>); never the secret.</summary>
/// <param name="AccessKeyId"><c>AKIA</c> + 16 characters.</param>
/// <param name="UserName">The owning user.</param>
/// <param name="Active">Active (signs requests) or Inactive.</param>
/// <param name="CreateDate">When it was created.</param>
[GenerateSerializer, Immutable, Alias("og.IamAccessKey")]
public sealed record IamAccessKey(
    [property: Id(0)] string AccessKeyId,
    [property: Id(1)] string UserName,
    [property: Id(2)] bool Active,
    [property: Id(3)] DateTimeOffset CreateDate);
