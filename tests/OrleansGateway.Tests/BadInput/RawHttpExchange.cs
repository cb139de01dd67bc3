using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace OrleansGateway.Tests.BadInput;

/// <summary>
/// One HTTP/1.1 request written as raw bytes on a fresh TCP connection, and what came back: the
/// status (null when the server closed the connection without answering), the headers and body.
/// Nothing here normalises the request: that is the point.
/// </summary>
internal sealed record RawHttpExchange(int? Status, IReadOnlyDictionary<string, string> Headers, string Body, bool TimedOut)
{
    public static async Task<RawHttpExchange> SendAsync(int port, byte[] request, TimeSpan? timeout = null)
    {
        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        await client.ConnectAsync("127.0.0.1", port, cancel.Token);
        var stream = client.GetStream();
        var received = new MemoryStream();
        try
        {
            await stream.WriteAsync(request, cancel.Token);
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var read = await stream.ReadAsync(buffer, cancel.Token);
                if (read == 0)
                {
                    break;
                }
                received.Write(buffer, 0, read);
                if (IsComplete(received.ToArray()))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return Parse(received.ToArray(), timedOut: true);
        }
        catch (IOException)
        {
            // A reset after the server answered and closed: what arrived still counts.
        }
        return Parse(received.ToArray(), timedOut: false);
    }

    public static Task<RawHttpExchange> SendAsync(int port, string request, TimeSpan? timeout = null) =>
        SendAsync(port, Encoding.Latin1.GetBytes(request), timeout);

    private static bool IsComplete(byte[] data)
    {
        var end = HeaderEnd(data);
        if (end < 0)
        {
            return false;
        }
        var head = Encoding.Latin1.GetString(data, 0, end);
        if (head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return data.AsSpan(end + 4).EndsWith("0\r\n\r\n"u8);
        }
        var length = ContentLength(head);
        return length is null ? false : data.Length - end - 4 >= length;
    }

    private static int HeaderEnd(byte[] data) => data.AsSpan().IndexOf("\r\n\r\n"u8);

    private static int? ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line.AsSpan(15).Trim(), CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    private static RawHttpExchange Parse(byte[] data, bool timedOut)
    {
        var end = HeaderEnd(data);
        if (end < 0)
        {
            return new RawHttpExchange(null, new Dictionary<string, string>(), string.Empty, timedOut);
        }
        var lines = Encoding.Latin1.GetString(data, 0, end).Split("\r\n");
        var status = lines[0].Split(' ') is { Length: > 1 } parts && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }
        var body = data.AsSpan(end + 4);
        var text = headers.TryGetValue("transfer-encoding", out var coding) && coding.Equals("chunked", StringComparison.OrdinalIgnoreCase)
            ? Dechunk(body)
            : Encoding.UTF8.GetString(body);
        return new RawHttpExchange(status, headers, text, timedOut);
    }

    private static string Dechunk(ReadOnlySpan<byte> body)
    {
        var content = new MemoryStream();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0 || !int.TryParse(Encoding.Latin1.GetString(body[..lineEnd]), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }
            var chunk = body.Slice(lineEnd + 2, Math.Min(size, body.Length - lineEnd - 2));
            content.Write(chunk);
            if (lineEnd + 2 + size + 2 > body.Length)
            {
                break;
            }
            body = body[(lineEnd + 2 + size + 2)..];
        }
        return Encoding.UTF8.GetString(content.ToArray());
    }

    public override string ToString() => $"{(Status?.ToString(CultureInfo.InvariantCulture) ?? "closed")}{(TimedOut ? " (timed out)" : "")} {(Body.Length > 200 ? Body[..200] : Body).ReplaceLineEndings(" ")}";
}
