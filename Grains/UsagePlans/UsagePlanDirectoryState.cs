using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.UsagePlans;

/// <summary>The persisted state of the usage plan directory.</summary>
[GenerateSerializer, Alias("og.UsagePlanDirectoryState")]
public sealed class UsagePlanDirectoryState
{
    /// <summary>Bumped on every change; what edges compare to know they are current.</summary>
    [Id(0)] public long Version { get; set; }

    /// <summary>Plans by id.</summary>
    [Id(1)] public Dictionary<string, UsagePlan> Plans { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each plan's key ids as earlier versions stored them; moved to the record store on activation.</summary>
    [Id(2)] public Dictionary<string, List<string>> PlanKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Key value hashes as earlier versions stored them; moved to the record store on activation.</summary>
    [Id(3)] public Dictionary<string, string> KeyValueHashes { get; set; } = new(StringComparer.Ordinal);
}
