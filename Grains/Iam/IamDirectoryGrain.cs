using System.Security.Cryptography;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Iam;

namespace OrleansGateway.Grains.Iam;

/// <summary>
/// The IAM directory of one account. Management calls are rare, so one grain holds every user; the
/// data plane reaches it only on an edge cache miss (<see cref="ResolveAccessKey"/>, read-only and
/// interleaved). Each change is written, then pushed to the edges for every key it affects.
/// </summary>
public sealed class IamDirectoryGrain(
    [PersistentState("iam", GrainStorage.Name)] IPersistentState<IamDirectoryState> state,
    TimeProvider clock) : Grain, IIamDirectoryGrain
{
    /// <summary>IAM's default quota of users per account.</summary>
    public const int MaxUsers = 5000;

    /// <summary>IAM's limit of access keys per user.</summary>
    public const int MaxKeysPerUser = 2;

    /// <summary>IAM's limit on the aggregate size of a user's inline policies (characters, whitespace excluded).</summary>
    public const int MaxPolicyCharactersPerUser = 2048;

    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Dictionary<string, string>? _keyOwners;

    private Dictionary<string, IamUserEntry> Users => state.State.Users;

    /// <summary>Access key id → owner name, rebuilt from the state on activation.</summary>
    private Dictionary<string, string> KeyOwners => _keyOwners ??= Users.Values
        .SelectMany(u => u.Keys.Select(k => (k.Key.AccessKeyId, u.User.UserName)))
        .ToDictionary(p => p.AccessKeyId, p => p.UserName, StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<IamResult<IamUser>> CreateUser(string userName, string path, string accountId)
    {
        if (Users.ContainsKey(userName))
        {
            return IamResult<IamUser>.Fail(IamErrorCode.EntityAlreadyExists, $"User with name {userName} already exists.");
        }
        if (Users.Count >= MaxUsers)
        {
            return IamResult<IamUser>.Fail(IamErrorCode.LimitExceeded, $"Cannot exceed quota for UsersPerAccount: {MaxUsers}");
        }
        var user = new IamUser(userName, "AIDA" + RandomId(17), $"arn:aws:iam::{accountId}:user{path}{userName}", path, Now());
        Users[userName] = new IamUserEntry { User = user };
        await state.WriteStateAsync();
        return IamResult<IamUser>.Ok(user);
    }

    /// <inheritdoc />
    public Task<IamResult<IamUser>> GetUser(string userName) =>
        Task.FromResult(Users.TryGetValue(userName, out var entry)
            ? IamResult<IamUser>.Ok(entry.User)
            : IamResult<IamUser>.Fail(IamErrorCode.NoSuchEntity, NoSuchUser(userName)));

    /// <inheritdoc />
    public Task<IReadOnlyList<IamUser>> ListUsers() =>
        Task.FromResult<IReadOnlyList<IamUser>>([.. Users.Values.Select(u => u.User).OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)]);

    /// <inheritdoc />
    public async Task<IamResult<bool>> DeleteUser(string userName)
    {
        if (!Users.TryGetValue(userName, out var entry))
        {
            return IamResult<bool>.Fail(IamErrorCode.NoSuchEntity, NoSuchUser(userName));
        }
        if (entry.Keys.Count > 0 || entry.Policies.Count > 0)
        {
            return IamResult<bool>.Fail(IamErrorCode.DeleteConflict, "Cannot delete entity, must delete policies and access keys first.");
        }
        Users.Remove(userName);
        await state.WriteStateAsync();
        return IamResult<bool>.Ok(true);
    }

    /// <inheritdoc />
    public async Task<IamResult<IamAccessKey>> CreateAccessKey(string userName, string accessKeyId, byte[] encryptedSecret)
    {
        if (!Users.TryGetValue(userName, out var entry))
        {
            return IamResult<IamAccessKey>.Fail(IamErrorCode.NoSuchEntity, NoSuchUser(userName));
        }
        if (entry.Keys.Count >= MaxKeysPerUser)
        {
            return IamResult<IamAccessKey>.Fail(IamErrorCode.LimitExceeded, $"Cannot exceed quota for AccessKeysPerUser: {MaxKeysPerUser}");
        }
        if (KeyOwners.ContainsKey(accessKeyId))
        {
            // 80 random bits: a collision means a bug, not bad luck; refuse rather than alias two keys.
            return IamResult<IamAccessKey>.Fail(IamErrorCode.EntityAlreadyExists, $"Access key {accessKeyId} already exists.");
        }
        var key = new IamAccessKey(accessKeyId, entry.User.UserName, Active: true, Now());
        entry.Keys.Add(new IamAccessKeyEntry { Key = key, EncryptedSecret = encryptedSecret });
        KeyOwners[accessKeyId] = entry.User.UserName;
        await WriteAndPublishAsync([accessKeyId]);
        return IamResult<IamAccessKey>.Ok(key);
    }

    /// <inheritdoc />
    public Task<IamResult<IReadOnlyList<IamAccessKey>>> ListAccessKeys(string userName) =>
        Task.FromResult(Users.TryGetValue(userName, out var entry)
            ? IamResult<IReadOnlyList<IamAccessKey>>.Ok([.. entry.Keys.Select(k => k.Key)])
            : IamResult<IReadOnlyList<IamAccessKey>>.Fail(IamErrorCode.NoSuchEntity, NoSuchUser(userName)));

    /// <inheritdoc />
    public async Task<IamResult<bool>> UpdateAccessKey(string userName, string accessKeyId, bool active)
    {
        if (FindKey(userName, accessKeyId, out _) is not { } key)
        {
            return IamResult<bool>.Fail(IamErrorCode.NoSuchEntity, NoSuchKey(userName, accessKeyId));
        }
        if (key.Key.Active != active)
        {
            key.Key = key.Key with { Active = active };
            await WriteAndPublishAsync([accessKeyId]);
        }
        return IamResult<bool>.Ok(true);
    }

    /// <inheritdoc />
    public async Task<IamResult<bool>> DeleteAccessKey(string userName, string accessKeyId)
    {
        if (FindKey(userName, accessKeyId, out var entry) is not { } key)
        {
            return IamResult<bool>.Fail(IamErrorCode.NoSuchEntity, NoSuchKey(userName, accessKeyId));
        }
        entry!.Keys.Remove(key);
        KeyOwners.Remove(accessKeyId);
        await WriteAndPublishAsync([accessKeyId]);
        return IamResult<bool>.Ok(true);
    }

    /// <inheritdoc />
    public async Task<IamResult<bool>> PutUserPolicy(string userName, string policyName, string policyDocument)
    {
        if (!Users.TryGetValue(userName, out var entry))
        {
            return IamResult<bool>.Fail(IamErrorCode.NoSuchEntity, NoSuchUser(userName));
        }
        var total = entry.Policies.Where(p => !string.Equals(p.Key, policyName, StringComparison.OrdinalIgnoreCase))
            .Sum(p => CountSignificant(p.Value)) + CountSignificant(policyDocument);
        if (total > MaxPolicyCharactersPerUser)
        {
            return IamResult<bool>.Fail(IamErrorCode.LimitExceeded, $"Maximum policy size of {MaxPolicyCharactersPerUser} bytes exceeded for user {entry.User.UserName}");
        }
        entry.Policies.Remove(policyName);
        entry.Policies[policyName] = policyDocument;
        await WriteAndPublishAsync(entry.Keys.Select(k => k.Key.AccessKeyId));
        return IamResult<bool>.Ok(true);
    }

    /// <inheritdoc />
    public Task<IamResult<string>> GetUserPolicy(string userName, string policyName)
    {
        if (!Users.TryGetValue(userName, out var entry))
        {
            return Task.FromResult(IamResult<string>.Fail(IamErrorCode.NoSuchEntity, NoSuchUser(userName)));
        }
        return Task.FromResult(entry.Policies.TryGetValue(policyName, out var document)
            ? IamResult<string>.Ok(document)
            : IamResult<string>.Fail(IamErrorCode.NoSuchEntity, NoSuchPolicy(policyName)));
    }

    /// <inheritdoc />
    public async Task<IamResult<bool>> DeleteUserPolicy(string userName, string policyName)
    {
        if (!Users.TryGetValue(userName, out var entry))
        {
            return IamResult<bool>.Fail(IamErrorCode.NoSuchEntity, NoSuchUser(userName));
        }
        if (!entry.Policies.Remove(policyName))
        {
            return IamResult<bool>.Fail(IamErrorCode.NoSuchEntity, NoSuchPolicy(policyName));
        }
        await WriteAndPublishAsync(entry.Keys.Select(k => k.Key.AccessKeyId));
        return IamResult<bool>.Ok(true);
    }

    /// <inheritdoc />
    public Task<IamCredential?> ResolveAccessKey(string accessKeyId)
    {
        if (!KeyOwners.TryGetValue(accessKeyId, out var owner) || FindKey(owner, accessKeyId, out var entry) is not { } key)
        {
            return Task.FromResult<IamCredential?>(null);
        }
        return Task.FromResult<IamCredential?>(
            new IamCredential(accessKeyId, entry!.User, key.Key.Active, key.EncryptedSecret, [.. entry.Policies.Values]));
    }

    private IamAccessKeyEntry? FindKey(string userName, string accessKeyId, out IamUserEntry? entry)
    {
        entry = Users.GetValueOrDefault(userName);
        return entry?.Keys.Find(k => string.Equals(k.Key.AccessKeyId, accessKeyId, StringComparison.Ordinal));
    }

    private async Task WriteAndPublishAsync(IEnumerable<string> changedKeys)
    {
        await state.WriteStateAsync();
        var catalog = GrainFactory.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key);
        foreach (var accessKeyId in changedKeys.ToList())
        {
            await catalog.PublishIamChange(accessKeyId);
        }
    }

    private DateTimeOffset Now()
    {
        // IAM reports whole seconds.
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    private static int CountSignificant(string document) => document.Count(c => !char.IsWhiteSpace(c));

    private static string RandomId(int length) => RandomNumberGenerator.GetString(IdAlphabet, length);

    private static string NoSuchUser(string userName) => $"The user with name {userName} cannot be found.";

    private static string NoSuchKey(string userName, string accessKeyId) =>
        $"The Access Key with id {accessKeyId} cannot be found for user {userName}.";

    private static string NoSuchPolicy(string policyName) =>
        $"The user policy with name {policyName} cannot be found.";
}
