using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Routing;

/// <summary>
/// Every WebSocket API this edge serves. Readers take one immutable snapshot (no locks on the
/// message path); the sync service swaps the reference when a new config is compiled.
/// </summary>
internal sealed class WebSocketRouteTable(IOptions<ThrottlingOptions> throttling)
{
    private readonly ThrottleSettings _account = new(throttling.Value.AccountRateLimit, throttling.Value.AccountBurstLimit);

    private readonly Lock _writeLock = new();
    private volatile FrozenDictionary<string, CompiledWebSocketApi> _apis = FrozenDictionary<string, CompiledWebSocketApi>.Empty;

    /// <summary>True once the first full sync finished.</summary>
    public bool IsReady { get; private set; }

    /// <summary>The API with id <paramref name="apiId"/>, if it is a WebSocket API this edge knows.</summary>
    public CompiledWebSocketApi? Find(ReadOnlySpan<char> apiId) =>
        _apis.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(apiId, out var api) ? api : null;

    /// <summary>Installed version of <paramref name="apiId"/>; -1 when unknown.</summary>
    public long VersionOf(string apiId) => _apis.TryGetValue(apiId, out var api) ? api.Version : -1;

    /// <summary>Ids of every installed API.</summary>
    public IReadOnlyCollection<string> ApiIds => _apis.Keys;

    /// <summary>Installs <paramref name="config"/> unless a newer version is installed; an API with no stage is removed.</summary>
    public bool Apply(WebSocketServingConfig config)
    {
        var compiled = CompiledWebSocketApi.Compile(config, _account);
        lock (_writeLock)
        {
            if (VersionOf(config.ApiId) >= config.Version)
            {
                return false;
            }
            var next = new Dictionary<string, CompiledWebSocketApi>(_apis, StringComparer.Ordinal);
            if (compiled.Stages.Count == 0)
            {
                next.Remove(config.ApiId);
            }
            else
            {
                next[config.ApiId] = compiled;
            }
            _apis = next.ToFrozenDictionary(StringComparer.Ordinal);
            return true;
        }
    }

    /// <summary>Forgets a deleted API.</summary>
    public void Remove(string apiId)
    {
        lock (_writeLock)
        {
            var next = new Dictionary<string, CompiledWebSocketApi>(_apis, StringComparer.Ordinal);
            if (next.Remove(apiId))
            {
                _apis = next.ToFrozenDictionary(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Marks the first sync done.</summary>
    public void MarkReady() => IsReady = true;
}
