using System.Collections.Frozen;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Compilation;
using OrleansGateway.Edge.Hosting;
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

    // Completed while the tables are known to be current; replaced by a pending one from the
    // moment the edge regains the cluster (pushes were missed) until the catch-up finishes.
    private volatile TaskCompletionSource _current = NewPending();

    /// <summary>Creates a store that logs nothing.</summary>
    public RoutingTableStore()
        : this(NullLogger<RoutingTableStore>.Instance)
    {
    }

    /// <summary>Creates a store that logs compilation problems (bad templates, unsupported integrations).</summary>
    public RoutingTableStore(ILogger<RoutingTableStore> logger) => _compiler = new StageCompiler(logger);

    /// <summary>Creates a store whose method ARNs (resource policies) use the configured region and account.</summary>
    public RoutingTableStore(ILogger<RoutingTableStore> logger, IOptions<GatewayOptions> gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _compiler = new StageCompiler(logger, gateway.Value.Region, gateway.Value.AccountId);
    }

    /// <summary>
    /// True once a full sync with the cluster has completed and no catch-up is pending. Before the
    /// first sync the data plane answers 503; during a catch-up after a reconnect it holds requests
    /// (see <see cref="WhenCurrentAsync"/>).
    /// </summary>
    public bool IsReady => _current.Task.IsCompleted;

    /// <summary>True once the first full sync has completed, even if a catch-up is pending now.</summary>
    public bool HasSynced { get; private set; }

    /// <summary>Marks the tables current: a full sync has just completed.</summary>
    public void MarkReady()
    {
        HasSynced = true;
        _current.TrySetResult();
    }

    /// <summary>
    /// The edge regained the cluster after losing it: pushes may have been missed, so requests wait
    /// for the catch-up (<see cref="MarkReady"/>) rather than be served from tables that may be stale.
    /// </summary>
    public void BeginCatchUp()
    {
        var current = _current;
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _current, NewPending(), current);
        }
    }

    /// <summary>Waits until the tables are current or <paramref name="timeout"/> passes; returns whether they are current.</summary>
    public async Task<bool> WhenCurrentAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _current.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

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

    private static TaskCompletionSource NewPending() => new(TaskCreationOptions.RunContinuationsAsynchronously);

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
