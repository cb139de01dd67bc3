using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.Iam;

/// <summary>
/// The gateway's caller users, their access keys and inline policies (key <see cref="Key"/>: one
/// account). Management writes go here; edges read one access key's <see cref="IamCredential"/> on a
/// cache miss, and every change that affects a key is pushed to the edges
/// (<c>IApiCatalogGrain.PublishIamChange</c>) so they drop it at once.
/// </summary>
[Alias("og.IIamDirectoryGrain")]
public interface IIamDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    const string Key = "iam";

    /// <summary>Creates a user; EntityAlreadyExists when the name is taken (names are case-insensitive in IAM).</summary>
    [Alias("CreateUser")]
    Task<IamResult<IamUser>> CreateUser(string userName, string path, string accountId);

    /// <summary>The user, or NoSuchEntity.</summary>
    [Alias("GetUser"), ReadOnly]
    Task<IamResult<IamUser>> GetUser(string userName);

    /// <summary>Every user, sorted by name.</summary>
    [Alias("ListUsers"), ReadOnly]
    Task<IReadOnlyList<IamUser>> ListUsers();

    /// <summary>Deletes a user; DeleteConflict while it has access keys or policies.</summary>
    [Alias("DeleteUser")]
    Task<IamResult<bool>> DeleteUser(string userName);

    /// <summary>Adds an access key (at most two per user, as IAM) whose secret the edge generated and encrypted.</summary>
    [Alias("CreateAccessKey")]
    Task<IamResult<IamAccessKey>> CreateAccessKey(string userName, string accessKeyId, byte[] encryptedSecret);

    /// <summary>The user's keys (metadata only).</summary>
    [Alias("ListAccessKeys"), ReadOnly]
    Task<IamResult<IReadOnlyList<IamAccessKey>>> ListAccessKeys(string userName);

    /// <summary>Activates or deactivates a key.</summary>
    [Alias("UpdateAccessKey")]
    Task<IamResult<bool>> UpdateAccessKey(string userName, string accessKeyId, bool active);

    /// <summary>Deletes a key.</summary>
    [Alias("DeleteAccessKey")]
    Task<IamResult<bool>> DeleteAccessKey(string userName, string accessKeyId);

    /// <summary>Adds or replaces an inline policy (already validated by the edge).</summary>
    [Alias("PutUserPolicy")]
    Task<IamResult<bool>> PutUserPolicy(string userName, string policyName, string policyDocument);

    /// <summary>An inline policy's document.</summary>
    [Alias("GetUserPolicy"), ReadOnly]
    Task<IamResult<string>> GetUserPolicy(string userName, string policyName);

    /// <summary>Deletes an inline policy.</summary>
    [Alias("DeleteUserPolicy")]
    Task<IamResult<bool>> DeleteUserPolicy(string userName, string policyName);

    /// <summary>What an edge needs to verify requests signed with <paramref name="accessKeyId"/>; null when unknown.</summary>
    [Alias("ResolveAccessKey"), ReadOnly]
    Task<IamCredential?> ResolveAccessKey(string accessKeyId);
}
