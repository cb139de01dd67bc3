using System.Collections.Frozen;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Waf;

/// <summary>
/// One immutable view of the cluster's WAF entities and associations, indexed for the data plane:
/// requests read it through a single reference and never lock or call a grain.
/// </summary>
public sealed class WafState
{
    private readonly FrozenDictionary<string, string> _webAclArnByStage;

    private WafState(WafSnapshot snapshot)
    {
        Version = snapshot.Version;
        References = new WafReferenceIndex(snapshot.Entities);
        _webAclArnByStage = snapshot.Associations.ToFrozenDictionary(a => StageKey(a.RestApiId, a.StageName), a => a.WebAclArn, StringComparer.Ordinal);
        Associations = snapshot.Associations;
    }

    /// <summary>The state of an edge that has not synced yet: nothing is associated, so nothing is inspected.</summary>
    public static WafState Empty { get; } = new(WafSnapshot.Empty);

    /// <summary>The directory version this view was built from.</summary>
    public long Version { get; }

    /// <summary>The entities' contents by ARN.</summary>
    public WafReferenceIndex References { get; }

    /// <summary>Every stage association.</summary>
    public IReadOnlyList<WafAssociation> Associations { get; }

    /// <summary>Builds the view of a snapshot.</summary>
    public static WafState Build(WafSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new WafState(snapshot);
    }

    /// <summary>The ARN of the web ACL protecting a stage, or null.</summary>
    public string? WebAclArnFor(string restApiId, string stageName) => _webAclArnByStage.GetValueOrDefault(StageKey(restApiId, stageName));

    private static string StageKey(string restApiId, string stageName) => $"{restApiId}/{stageName}";
}
