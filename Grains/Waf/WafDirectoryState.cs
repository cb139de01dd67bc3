using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Grains.Waf;

/// <summary>The persisted state of the WAF directory.</summary>
[GenerateSerializer, Alias("og.WafDirectoryState")]
public sealed class WafDirectoryState
{
    /// <summary>Bumped on every change; what edges compare to know they are current.</summary>
    [Id(0)] public long Version { get; set; }

    /// <summary>Every entity, by id (ids are UUIDs, unique across kinds).</summary>
    [Id(1)] public Dictionary<string, WafEntity> Entities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Web ACL id by stage key (<c>{restApiId}/{stageName}</c>).</summary>
    [Id(2)] public Dictionary<string, string> Associations { get; set; } = new(StringComparer.Ordinal);
}
