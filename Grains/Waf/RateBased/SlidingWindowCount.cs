namespace OrleansGateway.Grains.Waf.RateBased;

/// <summary>
/// A key's requests over a sliding window, kept as <see cref="Slots"/> + 1 sub-window counts in a
/// ring. The extra slot makes the window err long: a count leaves between one window and one window
/// plus a slot after it was added, never early, so a key is never let through before its requests
/// have really aged out (it may be unblocked up to one slot late: 3 s of a 60 s window).
/// </summary>
internal sealed class SlidingWindowCount
{
    /// <summary>Sub-windows per evaluation window.</summary>
    public const int Slots = 20;

    private const int Length = Slots + 1;

    private readonly int[] _counts = new int[Length];
    private long _head = long.MinValue;

    /// <summary>Adds <paramref name="count"/> requests to sub-window <paramref name="slot"/> (the current one).</summary>
    public void Add(long slot, long count)
    {
        Advance(slot);
        ref var cell = ref _counts[Index(slot)];
        cell = (int)Math.Min(int.MaxValue, cell + count);
    }

    /// <summary>The requests in the window that ends with sub-window <paramref name="slot"/>.</summary>
    public long Sum(long slot)
    {
        Advance(slot);
        long sum = 0;
        foreach (var count in _counts)
        {
            sum += count;
        }
        return sum;
    }

    /// <summary>
    /// The first sub-window at which the count is at most <paramref name="limit"/> if nothing more
    /// is added (<paramref name="slot"/> itself when it already is).
    /// </summary>
    public long FirstSlotAtOrUnder(long slot, long limit)
    {
        var remaining = Sum(slot);
        if (remaining <= limit)
        {
            return slot;
        }
        for (var oldest = slot - Length + 1; oldest <= slot; oldest++)
        {
            remaining -= _counts[Index(oldest)];
            if (remaining <= limit)
            {
                // Sub-window `oldest` is out of the window from the slot Length after it.
                return oldest + Length;
            }
        }
        return slot + Length;
    }

    /// <summary>Ring position of a sub-window (a clock starting near zero gives slots before it negative numbers).</summary>
    private static int Index(long slot) => (int)(((slot % Length) + Length) % Length);

    private void Advance(long slot)
    {
        if (slot <= _head)
        {
            return;
        }
        if (_head == long.MinValue || slot - _head >= Length)
        {
            Array.Clear(_counts);
        }
        else
        {
            for (var s = _head + 1; s <= slot; s++)
            {
                _counts[Index(s)] = 0;
            }
        }
        _head = slot;
    }
}
