using OrleansGateway.Grains.Interfaces.Iam;

namespace OrleansGateway.Grains.Iam;

/// <summary>The persisted IAM directory: users by name (case-insensitive, as IAM).</summary>
[GenerateSerializer, Alias("og.IamDirectoryState")]
public sealed class IamDirectoryState
{
    /// <summary>Users by name.</summary>
    [Id(0)] public Dictionary<string, IamUserEntry> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One user with its keys and inline policies.</summary>
[GenerateSerializer, Alias("og.IamUserEntry")]
public sealed class IamUserEntry
{
    /// <summary>The user.</summary>
    [Id(0)] public required IamUser User { get; set; }

    /// <summary>Access keys (at most <see cref="IamDirectoryGrain.MaxKeysPerUser"/>).</summary>
    [Id(1)] public List<IamAccessKeyEntry> Keys { get; set; } = [];

    /// <summary>Inline policy documents by name (policy names are case-insensitive in IAM).</summary>
    [Id(2)] public Dictionary<string, string> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One access key: metadata and the encrypted secret.</summary>
[GenerateSerializer, Alias("og.IamAccessKeyEntry")]
public sealed class IamAccessKeyEntry
{
    /// <summary>Metadata.</summary>
    [Id(0)] public required IamAccessKey Key { get; set; }

    /// <summary>The secret under the gateway secret; plaintext never reaches storage.</summary>
    [Id(1)] public required byte[] EncryptedSecret { get; set; }
}
