using System.Collections.Frozen;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansGateway.Edge.DataPlane.Compilation;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.DataPlane;

/// <summary>
/// The edge's compiled routing tables, one per API stage, swapped atomically when an API's
/// serving config changes. Requests read one immutable snapshot and never lock.
/// </summary>
public sealed class RoutingTableStore
{
    private readonly StageCompiler _compiler;

    // Writers (config sync) serialise on this; readers (requests) never take it.
    private readonly Lock _writeLock = new();

    // The whole map is immutable and replaced by one reference write: a request that has read it
    // keeps a consistent view of every API for its lifetime, even while Apply runs.
    private volatile ApiMap _apis = ApiMap.Empty;
    private volatile bool _isReady;

    /// <summary>Creates a store that logs nothing.</summary>
    public RoutingTableStore()
        : this(NullLogger<RoutingTableStore>.Instance)
    {
    }

    /// <summary>Creates a store that logs compilation problems (bad templates, unsupported integrations).</summary>
    public RoutingTableStore(ILogger<RoutingTableStore> logger) => _compiler = new StageCompiler(logger);

    /// <summary>True once the first full sync with the cluster has completed; until then the data plane answers 503.</summary>
    public bool IsReady => _isReady;

    /// <summary>Marks the store ready to serve.</summary>
    public void MarkReady() => _isReady = true;

    /// <summary>Compiles and installs <paramref name="config"/> unless an equal or newer version is installed; returns whether it was installed.</summary>
    public bool Apply(ApiServingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (VersionOf(config.ApiId) >= config.Version)
        {
            return false;
        }

        // Compiled outside the lock: a large API must not hold up other APIs' updates.
        var compiled = _compiler.Compile(config);
        lock (_writeLock)
        {
            var current = _apis;
            if (current.Apis.TryGetValue(config.ApiId, out var installed) && installed.Version >= config.Version)
            {
                return false;
            }
            var next = new Dictionary<string, CompiledApi>(current.Apis, StringComparer.OrdinalIgnoreCase)
            {
                [config.ApiId] = compiled,
            };
            _apis = new ApiMap(next.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
            return true;
        }
    }

    /// <summary>Stops serving an API.</summary>
    public bool Remove(string apiId)
    {
        lock (_writeLock)
        {
            var current = _apis;
            if (!current.Apis.ContainsKey(apiId))
            {
                return false;
            }
            _apis = new ApiMap(current.Apis
                .Where(pair => !string.Equals(pair.Key, apiId, StringComparison.OrdinalIgnoreCase))
                .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
            return true;
        }
    }

    /// <summary>The installed version of an API, or -1.</summary>
    public long VersionOf(string apiId) => _apis.Apis.TryGetValue(apiId, out var api) ? api.Version : -1;

    /// <summary>Ids of every API installed.</summary>
    public IReadOnlyCollection<string> ApiIds => _apis.Apis.Keys;

    /// <summary>The API whose id is <paramref name="apiId"/> (host names are case-insensitive), read without allocating.</summary>
    internal bool TryGetApi(ReadOnlySpan<char> apiId, out CompiledApi api) => _apis.Lookup.TryGetValue(apiId, out api!);

    private sealed class ApiMap
    {
        public static readonly ApiMap Empty = new(FrozenDictionary.ToFrozenDictionary(
            new Dictionary<string, CompiledApi>(), StringComparer.OrdinalIgnoreCase));

        public ApiMap(FrozenDictionary<string, CompiledApi> apis)
        {
            Apis = apis;
            Lookup = apis.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public FrozenDictionary<string, CompiledApi> Apis { get; }

        public FrozenDictionary<string, CompiledApi>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
    }
}
