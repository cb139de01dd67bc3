namespace OrleansGateway.Edge.Waf;

/// <summary>
/// The edge's current <see cref="WafState"/>. The sync service swaps in a new immutable view; the
/// data plane reads <see cref="Current"/> once per request, with no lock and no remote call.
/// </summary>
public sealed class WafStateStore
{
    private WafState _current = WafState.Empty;

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
