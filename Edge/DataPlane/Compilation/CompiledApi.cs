using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Compilation;

/// <summary>The compiled stages of one API at one serving version.</summary>
internal sealed class CompiledApi
{
    private readonly FrozenDictionary<string, CompiledStage>.AlternateLookup<ReadOnlySpan<char>> _stages;

    public CompiledApi(string apiId, long version, FrozenDictionary<string, CompiledStage> stages)
    {
        ApiId = apiId;
        Version = version;
        Stages = stages;
        _stages = stages.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string ApiId { get; }

    public long Version { get; }

    /// <summary>Stages by name (case-sensitive, as in API Gateway).</summary>
    public FrozenDictionary<string, CompiledStage> Stages { get; }

    /// <summary>The stage named by a span of the request path, without allocating the name.</summary>
    public bool TryGetStage(ReadOnlySpan<char> name, out CompiledStage stage) => _stages.TryGetValue(name, out stage!);
}
