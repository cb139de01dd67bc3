namespace OrleansGateway.Edge.Waf;

/// <summary>
/// The edge's current <see cref="WafState"/>. The sync service swaps in a new immutable view; the
/// data plane reads <see cref="Current"/> once per request, with no lock and no remote call.
/// </summary>
public sealed class WafStateStore
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WafState _current = WafState.Empty;

    /// <summary>
    /// Completes once the directory has been read (even if it was empty). The data plane waits for
    /// it before serving, so a starting edge never lets requests through a stage's web ACL unread.
    /// </summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Records that the directory has been read.</summary>
    public void MarkLoaded() => _loaded.TrySetResult();

    /// <summary>The installed view.</summary>
    public WafState Current => Volatile.Read(ref _current);

    /// <summary>Installs <paramref name="state"/> unless the installed view is as new; true if installed.</summary>
    public bool Apply(WafState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        while (true)
        {
            var current = Current;
            if (state.Version <= current.Version)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _current, state, current) == current)
            {
                return true;
            }
        }
    }
}
