namespace OrleansGateway.Grains.Interfaces.Iam;

/// <summary>
/// What an edge needs to authorize a SigV4 request signed with one access key: the owner, whether
/// the key is active, the secret (still encrypted: the edge decrypts it in memory) and the owner's
/// inline policies.
/// </summary>
/// <param name="AccessKeyId">The key.</param>
/// <param name="User">Its owner.</param>
/// <param name="Active">Whether it may sign requests.</param>
/// <param name="EncryptedSecret">The secret access key under the gateway secret (AES-GCM, bound to the key id).</param>
/// <param name="PolicyDocuments">The owner's inline policy documents (JSON), validated when they were put.</param>
[GenerateSerializer, Immutable, Alias("og.IamCredential")]
public sealed record IamCredential(
    [property: Id(0)] string AccessKeyId,
    [property: Id(1)] IamUser User,
    [property: Id(2)] bool Active,
    [property: Id(3)] byte[] EncryptedSecret,
    [property: Id(4)] IReadOnlyList<string> PolicyDocuments);
