using System.Text;

namespace OrleansGateway.Tests.BadInput;

/// <summary>Raw HTTP/1.1 requests for the bad-input tests: a well-formed one, and pieces to break it with.</summary>
internal static class BadInputRequests
{
    /// <summary>A request line, the Host header, <paramref name="headers"/> (each ending CRLF), <c>Connection: close</c>, the body.</summary>
    public static byte[] Raw(string host, string requestLine, string headers = "", string body = "") =>
        Encoding.Latin1.GetBytes($"{requestLine}\r\nHost: {host}\r\n{headers}Connection: close\r\n\r\n{body}");

    /// <summary>A POST with a JSON media type and a correct Content-Length (the body is UTF-8).</summary>
    public static byte[] JsonPost(string host, string path, byte[] body, string mediaType = "application/json")
    {
        var head = Encoding.Latin1.GetBytes($"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {mediaType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        return [.. head, .. body];
    }

    /// <summary>JSON arrays nested <paramref name="depth"/> deep.</summary>
    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}
