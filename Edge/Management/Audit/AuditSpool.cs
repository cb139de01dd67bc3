using System.Globalization;
using System.Text;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// A bounded, fsync'd append-only file of audit records the store could not take yet (one JSON line
/// each, a spooled management call), with a separate file naming how far it has been drained. Lines
/// are handed out oldest first; once all are drained both files are emptied. The file is held
/// exclusively while the edge runs, so two edges can never drain the same spool.
/// </summary>
public sealed class AuditSpool : IDisposable
{
    private readonly FileStream _file;
    private readonly string _offsetPath;
    private readonly Queue<(string Line, int Bytes)> _pending = new();
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private long _drainedOffset;
    private int _reserved;

    /// <summary>Opens (or creates) the spool at <paramref name="path"/> holding at most <paramref name="capacity"/> records.</summary>
    public AuditSpool(string path, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _offsetPath = Path + ".offset";
        _file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        Load();
        RecoveredAtStart = _pending.Count;
        AuditMetrics.Track(this);
    }

    /// <summary>The spool file's full path.</summary>
    public string Path { get; }

    /// <summary>Records that were already waiting when the spool was opened (left by an earlier run).</summary>
    public int RecoveredAtStart { get; }

    /// <summary>Records waiting to be drained.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Holds room for one record, so a call that may need the spool is refused before it runs rather
    /// than after; false when the spool (with what is reserved) is full.
    /// </summary>
    public bool TryReserve()
    {
        lock (_lock)
        {
            if (_pending.Count + _reserved >= _capacity)
            {
                return false;
            }
            _reserved++;
            return true;
        }
    }

    /// <summary>Gives back room taken by <see cref="TryReserve"/> that was not needed.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _reserved = Math.Max(0, _reserved - 1);
        }
    }

    /// <summary>
    /// Appends <paramref name="line"/> and flushes it to disk before returning. With
    /// <paramref name="reserved"/> it uses room taken by <see cref="TryReserve"/>; otherwise (records
    /// of refused calls) it fails (false) once the spool is half full, so a flood of unauthenticated
    /// calls during an outage cannot fill the spool and lock the admin out with 503s.
    /// </summary>
    public bool TryAppend(string line, bool reserved)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_lock)
        {
            if (reserved)
            {
                _reserved = Math.Max(0, _reserved - 1);
            }
            else if (_pending.Count + _reserved >= _capacity / 2)
            {
                return false;
            }
            _file.Seek(0, SeekOrigin.End);
            _file.Write(bytes);
            // The caller gets its answer only after this: the record must survive a crash of the edge.
            _file.Flush(flushToDisk: true);
            _pending.Enqueue((line, bytes.Length));
            return true;
        }
    }

    /// <summary>The oldest waiting record, or null.</summary>
    public string? Peek()
    {
        lock (_lock)
        {
            return _pending.TryPeek(out var item) ? item.Line : null;
        }
    }

    /// <summary>Marks the oldest record drained (it is in the store), durably.</summary>
    public void CompleteOldest()
    {
        lock (_lock)
        {
            if (!_pending.TryDequeue(out var item))
            {
                return;
            }
            if (_pending.Count == 0)
            {
                // Everything is in the store: start the files afresh so they never grow across outages.
                _file.SetLength(0);
                _file.Flush(flushToDisk: true);
                _drainedOffset = 0;
            }
            else
            {
                _drainedOffset += item.Bytes;
            }
            WriteOffset();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        AuditMetrics.Untrack(this);
        _file.Dispose();
    }

    private void Load()
    {
        if (File.Exists(_offsetPath) && long.TryParse(File.ReadAllText(_offsetPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            _drainedOffset = Math.Min(offset, _file.Length);
        }
        _file.Seek(_drainedOffset, SeekOrigin.Begin);
        using var reader = new StreamReader(_file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = reader.ReadToEnd();
        var end = text.LastIndexOf('\n');
        var complete = end < 0 ? "" : text[..(end + 1)];
        foreach (var line in complete.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _pending.Enqueue((line, Encoding.UTF8.GetByteCount(line) + 1));
        }
        // A line without its newline was being written when the process died; its caller never got an
        // answer, so dropping it loses nothing that was acknowledged.
        _file.SetLength(_drainedOffset + Encoding.UTF8.GetByteCount(complete));
        _file.Flush(flushToDisk: true);
    }

    private void WriteOffset()
    {
        var temporary = _offsetPath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.ASCII.GetBytes(_drainedOffset.ToString(CultureInfo.InvariantCulture)));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, _offsetPath, overwrite: true);
    }
}
