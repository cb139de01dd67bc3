using System.Collections.Frozen;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Waf;

/// <summary>
/// One immutable view of the cluster's WAF entities and associations, with every associated web
/// ACL compiled: requests read it through a single reference and never lock, compile or call a grain.
/// </summary>
public sealed class WafState
{
    private readonly FrozenDictionary<string, string> _webAclArnByStage;
    private readonly FrozenDictionary<string, CompiledWebAcl> _compiledByStage;

    private WafState(WafSnapshot snapshot, FrozenDictionary<string, CompiledWebAcl> compiledByStage, IReadOnlyList<WafCompileFailure> failures)
    {
        Version = snapshot.Version;
        References = new WafReferenceIndex(snapshot.Entities);
        _webAclArnByStage = snapshot.Associations.ToFrozenDictionary(a => StageKey(a.RestApiId, a.StageName), a => a.WebAclArn, StringComparer.Ordinal);
        _compiledByStage = compiledByStage;
        Associations = snapshot.Associations;
        Failures = failures;
    }

    /// <summary>The state of an edge that has not synced yet: nothing is associated, so nothing is inspected.</summary>
    public static WafState Empty { get; } = new(WafSnapshot.Empty, FrozenDictionary<string, CompiledWebAcl>.Empty, []);

    /// <summary>The directory version this view was built from.</summary>
    public long Version { get; }

    /// <summary>The entities' contents by ARN.</summary>
    public WafReferenceIndex References { get; }

    /// <summary>Every stage association.</summary>
    public IReadOnlyList<WafAssociation> Associations { get; }

    /// <summary>Associated web ACLs that did not compile (each keeps its previous compiled form, if any).</summary>
    public IReadOnlyList<WafCompileFailure> Failures { get; }

    /// <summary>Builds the view of a snapshot without compiling (tests, and management checks that need only references).</summary>
    public static WafState Build(WafSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new WafState(snapshot, FrozenDictionary<string, CompiledWebAcl>.Empty, []);
    }

    /// <summary>
    /// Builds the view of a snapshot and compiles each associated web ACL once. A web ACL that no
    /// longer compiles (the management API refuses such changes, so this needs an engine change
    /// between versions) keeps its form from <paramref name="previous"/>, so a stage never loses
    /// its protection through an update.
    /// </summary>
    public static WafState Compile(WafSnapshot snapshot, WafState previous, WafCompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(previous);
        var references = new WafReferenceIndex(snapshot.Entities);
        var compiledByArn = new Dictionary<string, CompiledWebAcl?>(StringComparer.Ordinal);
        var failures = new List<WafCompileFailure>();
        var byStage = new Dictionary<string, CompiledWebAcl>(StringComparer.Ordinal);
        foreach (var association in snapshot.Associations)
        {
            if (!compiledByArn.TryGetValue(association.WebAclArn, out var compiled))
            {
                compiled = CompileOne(association.WebAclArn, references, previous, options, failures);
                compiledByArn[association.WebAclArn] = compiled;
            }
            if (compiled is not null)
            {
                byStage[StageKey(association.RestApiId, association.StageName)] = compiled;
            }
        }
        return new WafState(snapshot, byStage.ToFrozenDictionary(StringComparer.Ordinal), failures);
    }

    /// <summary>The compiled web ACL protecting a stage, or null.</summary>
    public CompiledWebAcl? ForStage(string restApiId, string stageName) => _compiledByStage.GetValueOrDefault(StageKey(restApiId, stageName));

    /// <summary>The ARN of the web ACL protecting a stage, or null.</summary>
    public string? WebAclArnFor(string restApiId, string stageName) => _webAclArnByStage.GetValueOrDefault(StageKey(restApiId, stageName));

    private static CompiledWebAcl? CompileOne(string arn, WafReferenceIndex references, WafState previous, WafCompileOptions options, List<WafCompileFailure> failures)
    {
        if (references.WebAcl(arn) is not { } entity)
        {
            return null;
        }
        try
        {
            using var document = WafEntityJson.ToDocument(entity);
            return WebAclCompiler.Compile(document.RootElement, references, options);
        }
        catch (WafDefinitionException exception)
        {
            failures.Add(new WafCompileFailure(arn, exception.Message));
            return previous._compiledByStage.Values.FirstOrDefault(acl => acl.Arn == arn);
        }
    }

    private static string StageKey(string restApiId, string stageName) => $"{restApiId}/{stageName}";
}
