using System.Threading.Channels;
using OrleansGateway.Grains.Interfaces.Configuration;

namespace OrleansGateway.Edge.Configuration;

/// <summary>
/// The edge's observer and the queue behind it. Pushes from the catalog, and reconnects of the
/// cluster client, become work items for the single sync loop, so pulls never race each other.
/// </summary>
public sealed class ConfigChangeSignal : IConfigObserver
{
    private readonly Channel<ConfigChange> _changes = Channel.CreateBounded<ConfigChange>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    // 1 while an API key catch-up request waits in the queue (RequestApiKeyCatchUp).
    private int _apiKeyCatchUpQueued;

    /// <summary>Work for the sync loop.</summary>
    internal ChannelReader<ConfigChange> Reader => _changes.Reader;

    /// <inheritdoc />
    public Task OnApiChanged(string apiId, long version)
    {
        // Dropping under a flood is safe: the periodic refresh compares every version anyway.
        _changes.Writer.TryWrite(new ConfigChange(apiId, version));
        return Task.CompletedTask;
    }

    /// <summary>Raised (on an Orleans thread; handlers must be quick) when an API key changes: its value hash and the change's stamp.</summary>
    public event Action<string, ApiKeyChangeStamp>? ApiKeyChanged;

    /// <inheritdoc />
    public Task OnUsagePlansChanged(long version)
    {
        _changes.Writer.TryWrite(new ConfigChange(ConfigChange.UsagePlansId, version));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnApiKeyChanged(string valueHash, ApiKeyChangeStamp stamp)
    {
        ApiKeyChanged?.Invoke(valueHash, stamp);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Asks the sync loop for the API key changes since the last one applied (a push was missed). At
    /// most one request waits in the queue: pushes that overtake each other during a bulk import
    /// would otherwise queue a catch-up (and a log read of up to 10,000 hashes) per push.
    /// </summary>
    public void RequestApiKeyCatchUp()
    {
        if (Interlocked.Exchange(ref _apiKeyCatchUpQueued, 1) == 0 && !_changes.Writer.TryWrite(ConfigChange.ApiKeysCatchUp))
        {
            Volatile.Write(ref _apiKeyCatchUpQueued, 0);
        }
    }

    /// <summary>
    /// The sync loop is catching up now (the queued request, or the periodic refresh): a gap noticed
    /// from now on needs another. The queue drops its oldest items under a flood, so the periodic
    /// refresh re-arms a request that was dropped.
    /// </summary>
    internal void ApiKeyCatchUpStarted() => Volatile.Write(ref _apiKeyCatchUpQueued, 0);

    /// <summary>Raised (on an Orleans thread; handlers must be quick) when an IAM access key changes.</summary>
    public event Action<string>? IamChanged;

    /// <inheritdoc />
    public Task OnIamChanged(string accessKeyId)
    {
        IamChanged?.Invoke(accessKeyId);
        return Task.CompletedTask;
    }

    /// <summary>Raised (on an Orleans thread; handlers must be quick) when a client certificate is generated or deleted.</summary>
    public event Action<string>? ClientCertificateChanged;

    /// <inheritdoc />
    public Task OnClientCertificateChanged(string certificateId)
    {
        ClientCertificateChanged?.Invoke(certificateId);
        return Task.CompletedTask;
    }

    /// <summary>Raised (on an Orleans thread; handlers must be quick) with the WAF's new version.</summary>
    public event Action<long>? WafChanged;

    /// <inheritdoc />
    public Task OnWafChanged(long version)
    {
        WafChanged?.Invoke(version);
        return Task.CompletedTask;
    }

    /// <summary>Raised when a full catch-up is requested: pushes may have been missed, so caches drop everything.</summary>
    public event Action? FullSyncRequested;

    /// <summary>Asks for a full catch-up (after the cluster connection came back).</summary>
    public void RequestFullSync()
    {
        _changes.Writer.TryWrite(ConfigChange.FullSync);
        FullSyncRequested?.Invoke();
    }
}

/// <summary>One API's new version, or (null id) a request to compare every version.</summary>
internal sealed record ConfigChange(string? ApiId, long Version)
{
    public static ConfigChange FullSync { get; } = new(null, 0);

    /// <summary>The usage plans' id in the work queue; never an API id (those are alphanumeric).</summary>
    public const string UsagePlansId = "#usageplans";

    /// <summary>The API key change log's id in the work queue.</summary>
    public const string ApiKeysId = "#apikeys";

    public static ConfigChange ApiKeysCatchUp { get; } = new(ApiKeysId, 0);
}
