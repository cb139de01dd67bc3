using System.Text;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>
/// Appends lines to a file (<c>file:/path</c>) and rotates it by size: before a line would take
/// the file past <c>MaxFileBytes</c>, <c>x.log</c> becomes <c>x.log.1</c>, <c>x.log.1</c> becomes
/// <c>x.log.2</c> and so on, keeping <c>MaxFiles</c> files in all.
/// </summary>
internal sealed class RotatingFileAccessLogSink : IAccessLogSink
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _path;
    private readonly long _maxBytes;
    private readonly int _maxFiles;
    private FileStream? _file;

    public RotatingFileAccessLogSink(string path, long maxBytes, int maxFiles)
    {
        _path = Path.GetFullPath(path);
        _maxBytes = maxBytes;
        _maxFiles = maxFiles;
    }

    public async ValueTask WriteAsync(string line, CancellationToken cancellationToken)
    {
        var bytes = Utf8.GetBytes(line + "\n");
        var file = Open();
        if (file.Length > 0 && file.Length + bytes.Length > _maxBytes)
        {
            await RotateAsync();
            file = Open();
        }
        await file.WriteAsync(bytes, cancellationToken);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            await _file.FlushAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
            _file = null;
        }
    }

    private FileStream Open()
    {
        if (_file is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            // Shared read, so operators can tail the file while the gateway writes it.
            _file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024, useAsync: true);
        }
        return _file;
    }

    private async Task RotateAsync()
    {
        await DisposeAsync();
        var oldest = $"{_path}.{_maxFiles - 1}";
        if (_maxFiles <= 1)
        {
            File.Delete(_path);
            return;
        }
        File.Delete(oldest);
        for (var i = _maxFiles - 2; i >= 1; i--)
        {
            var from = $"{_path}.{i}";
            if (File.Exists(from))
            {
                File.Move(from, $"{_path}.{i + 1}");
            }
        }
        File.Move(_path, _path + ".1");
    }
}
