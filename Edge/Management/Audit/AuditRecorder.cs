namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// The one way a management call reaches the trail. With a spool (a Redis trail), nothing acknowledged
/// is lost: an append the store cannot take goes to the fsync'd spool instead, and while the spool holds
/// records every new one queues behind them, so each edge's records reach the store in the order they
/// were made; <see cref="DrainAsync"/> moves them into the chain when the store is back.
/// </summary>
public sealed partial class AuditRecorder(AuditTrail trail, AuditSpool? spool, ILogger<AuditRecorder> logger) : IDisposable
{
    /// <summary>Stored records searched for event ids after a restart, to skip a record drained just before a crash.</summary>
    private const int RecentRecordsChecked = 256;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>The spool, when the trail has one.</summary>
    public AuditSpool? Spool => spool;

    /// <summary>
    /// Holds spool room for a call about to run, so a call is refused before it changes anything when
    /// its record could not be kept; always true without a spool.
    /// </summary>
    public bool TryReserve() => spool is null || spool.TryReserve();

    /// <summary>Gives back room taken by <see cref="TryReserve"/> for a call that will not be recorded.</summary>
    public void Release() => spool?.Release();

    /// <summary>
    /// Appends <paramref name="call"/> to the store, or to the spool when the store cannot take it;
    /// false when it could be kept in neither (logged and counted). <paramref name="reserved"/> says
    /// room was taken with <see cref="TryReserve"/>.
    /// </summary>
    public async Task<bool> RecordAsync(ManagementCall call, bool reserved)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (spool is null)
        {
            try
            {
                await trail.AppendAsync(call, CancellationToken.None);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AppendFailed(logger, call.EventName, call.EventId, e);
                AuditMetrics.RecordDropped();
                return false;
            }
        }
        if (spool.Pending == 0)
        {
            try
            {
                // Not the caller's token: a client hanging up must not cost its call's record.
                await trail.AppendAsync(call, CancellationToken.None);
                if (reserved)
                {
                    spool.Release();
                }
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Spooling(logger, call.EventName, call.EventId, e.Message);
            }
        }
        if (spool.TryAppend(SpooledCall.ToLine(call), reserved))
        {
            _signal.Release();
            return true;
        }
        Log.SpoolFull(logger, call.EventName, call.EventId);
        AuditMetrics.RecordDropped();
        return false;
    }

    /// <summary>Moves spooled records into the store, oldest first, waiting and retrying while it is unreachable.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (spool is null)
        {
            return;
        }
        var recoveredLeft = spool.RecoveredAtStart;
        HashSet<string>? recentlyStored = null;
        var failing = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var line = spool.Peek();
            if (line is null)
            {
                await _signal.WaitAsync(RetryDelay, cancellationToken);
                continue;
            }
            var call = SpooledCall.FromLine(line);
            if (call is null)
            {
                Log.Unreadable(logger, spool.Path);
                spool.CompleteOldest();
                continue;
            }
            try
            {
                if (recoveredLeft > 0)
                {
                    // A record from an earlier run may have reached the store just before that run
                    // died, before its drain was written down: append it once only.
                    recentlyStored ??= await RecentEventIdsAsync(cancellationToken);
                    recoveredLeft--;
                    if (recentlyStored.Contains(call.EventId.ToString()))
                    {
                        spool.CompleteOldest();
                        continue;
                    }
                }
                await trail.AppendAsync(call, cancellationToken);
                spool.CompleteOldest();
                if (failing || spool.Pending == 0)
                {
                    failing = false;
                    Log.Drained(logger, spool.Pending);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!failing)
                {
                    Log.DrainWaiting(logger, spool.Pending, e.Message);
                    failing = true;
                }
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        spool?.Dispose();
        _signal.Dispose();
    }

    private async Task<HashSet<string>> RecentEventIdsAsync(CancellationToken cancellationToken)
    {
        var count = await trail.Store.CountAsync(cancellationToken);
        var start = Math.Max(0, count - RecentRecordsChecked);
        var lines = await trail.Store.ReadRecordsAsync(start, (int)(count - start), cancellationToken);
        return [.. lines.Select(AuditRecordLine.TryParse).OfType<AuditRecordLine>().Select(r => r.EventId)];
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "Audit record for {EventName} (event {EventId}) could not be stored.")]
        public static partial void AppendFailed(ILogger logger, string eventName, Guid eventId, Exception exception);

        [LoggerMessage(EventId = 7105, Level = LogLevel.Warning, Message = "Audit store unavailable ({Reason}); record for {EventName} (event {EventId}) goes to the spool.")]
        public static partial void Spooling(ILogger logger, string eventName, Guid eventId, string reason);

        [LoggerMessage(EventId = 7106, Level = LogLevel.Error, Message = "Audit spool full: record for {EventName} (event {EventId}) could not be kept.")]
        public static partial void SpoolFull(ILogger logger, string eventName, Guid eventId);

        [LoggerMessage(EventId = 7107, Level = LogLevel.Warning, Message = "Audit spool waiting for the store: {Pending} records pending ({Reason}).")]
        public static partial void DrainWaiting(ILogger logger, int pending, string reason);

        [LoggerMessage(EventId = 7108, Level = LogLevel.Information, Message = "Audit spool drained into the store; {Pending} records pending.")]
        public static partial void Drained(ILogger logger, int pending);

        [LoggerMessage(EventId = 7109, Level = LogLevel.Error, Message = "Unreadable record skipped in audit spool {Path}.")]
        public static partial void Unreadable(ILogger logger, string path);
    }
}
