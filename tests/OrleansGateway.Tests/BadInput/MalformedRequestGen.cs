using System.Text;
using CsCheck;

namespace OrleansGateway.Tests.BadInput;

/// <summary>One generated request and the kind of damage done to it (for the failure report).</summary>
internal sealed record MalformedRequest(string Kind, byte[] Bytes)
{
    public override string ToString()
    {
        var text = Encoding.Latin1.GetString(Bytes, 0, Math.Min(Bytes.Length, 600));
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c is >= ' ' and < '\u007f' ? c.ToString() : $"\\x{(int)c:x2}");
        }
        return $"{Kind}: {escaped}{(Bytes.Length > 600 ? $"… ({Bytes.Length} bytes)" : "")}";
    }
}

/// <summary>
/// CsCheck generators of HTTP/1.1 requests that are malformed by construction: each starts from a
/// well-formed request to the test API and breaks one thing (framing, a header byte, chunking,
/// the URL's encoding, the JSON body, a count or size), so every one must be refused.
/// </summary>
internal static class MalformedRequestGen
{
    private const string ValidJson = "{\"k\":[1,2,{\"n\":\"v\"}],\"s\":\"some text\"}";
    private const string Chunks = "5\r\nhello\r\n0\r\n\r\n";

    private static readonly byte[] ControlBytes = [.. Enumerable.Range(0, 32).Where(b => b != '\t').Select(b => (byte)b), 0x7f];
    private static readonly byte[] NonTokenBytes = [.. "()<>@,;\\\"/[]?={} \t"u8, .. ControlBytes, .. Enumerable.Range(0x80, 128).Select(b => (byte)b)];
    private static readonly string[] TransferCodings = ["chunked", "Chunked", "xchunked", "chunked, chunked", "gzip, chunked", "chunked, identity", "identity", "\u000bchunked"];
    private static readonly string[] InvalidUtf8 = ["%FF", "%C3", "%C3%28", "%80", "%E2%82", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%F8%88%80%80%80", "%E0%80%AF"];
    private static readonly string[] BadEscapes = ["%", "%G1", "%zz", "%4", "%-1", "%%"];
    private static readonly string[] BadContentLengths = ["5a", "abc", "-1", "0x5", "5.0", "5 5", "99999999999999999999999"];
    private static readonly string[] JsonMediaTypes = ["application/json", "application/vnd.api+json", "APPLICATION/JSON; charset=utf-8"];

    public static Gen<MalformedRequest> For(string host) => Gen.OneOf(
        ControlByteInHeaderValue(host),
        NonTokenByteInHeaderName(host),
        ContentLengthWithTransferEncoding(host),
        UnsupportedTransferEncoding(host),
        TransferEncodingOnHttp10(host),
        BrokenChunks(host),
        InvalidUtf8InUrl(host),
        BadPercentEscape(host),
        MalformedJson(host),
        TooDeepJson(host),
        HugeCounts(host),
        ConflictingContentLengths(host),
        ObsFold(host),
        BareLineFeed(host));

    private static Gen<MalformedRequest> ControlByteInHeaderValue(string host) =>
        from b in Gen.OneOf(ControlBytes)
        from at in Gen.Int[0, 6]
        select Request("control byte in a header value", $"GET /prod/fuzz HTTP/1.1\r\nHost: {host}\r\nX-Fuzz: {"abcdef".Insert(at, ((char)b).ToString())}\r\n", "");

    private static Gen<MalformedRequest> NonTokenByteInHeaderName(string host) =>
        from b in Gen.OneOf(NonTokenBytes)
        select Request("non-token byte in a header name", $"GET /prod/fuzz HTTP/1.1\r\nHost: {host}\r\nX-F{(char)b}z: v\r\n", "");

    private static Gen<MalformedRequest> ContentLengthWithTransferEncoding(string host) =>
        from length in Gen.Int[0, 20]
        from coding in Gen.OneOf(TransferCodings)
        from clFirst in Gen.Bool
        let cl = $"Content-Length: {length}\r\n"
        let te = $"Transfer-Encoding: {coding}\r\n"
        select Request("Content-Length with Transfer-Encoding", $"POST /prod/fuzz HTTP/1.1\r\nHost: {host}\r\n{(clFirst ? cl + te : te + cl)}", Chunks);

    private static Gen<MalformedRequest> UnsupportedTransferEncoding(string host) =>
        from coding in Gen.String[Gen.Char["chunkedCHUNKED ,;=\t-xgzip"], 0, 14]
        where !coding.Trim(' ', '\t').Equals("chunked", StringComparison.OrdinalIgnoreCase)
        select Request("unsupported Transfer-Encoding", $"POST /prod/fuzz HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: {coding}\r\n", Chunks);

    private static Gen<MalformedRequest> TransferEncodingOnHttp10(string host) =>
        from json in Gen.Bool
        select Request("Transfer-Encoding on HTTP/1.0",
            $"POST /prod/fuzz HTTP/1.0\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n{(json ? "Content-Type: application/json\r\n" : "")}", Chunks);

    private static Gen<MalformedRequest> BrokenChunks(string host) =>
        from how in Gen.Int[0, 2]
        from junk in Gen.String[Gen.Char["gxyz-+"], 1, 4]
        from shortSize in Gen.Int[1, 4]
        from json in Gen.Bool
        let chunks = how switch
        {
            0 => $"{junk}\r\nhello\r\n0\r\n\r\n",
            1 => $"{shortSize}\r\nhello\r\n0\r\n\r\n",
            _ => "fffffffffffffffffff\r\nhello\r\n0\r\n\r\n",
        }
        select Request("broken chunked framing",
            $"POST /prod/fuzz HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nContent-Type: {(json ? "application/json" : "text/plain")}\r\n", chunks);

    private static Gen<MalformedRequest> InvalidUtf8InUrl(string host) =>
        from bad in Gen.OneOf(InvalidUtf8)
        from inQuery in Gen.Bool
        from prefix in Gen.String[Gen.Char["abc%41"], 0, 6]
        let target = inQuery ? $"/prod/fuzz?q={prefix}{bad}" : $"/prod/fuzz/{prefix}{bad}"
        where RequestTargetHasNoOtherMeaning(prefix)
        select Request("invalid UTF-8 in the URL", $"GET {target} HTTP/1.1\r\nHost: {host}\r\n", "");

    private static Gen<MalformedRequest> BadPercentEscape(string host) =>
        from bad in Gen.OneOf(BadEscapes)
        from inQuery in Gen.Bool
        select Request("bad percent-escape", $"GET {(inQuery ? "/prod/fuzz?q=a" : "/prod/fuzz/a")}{bad} HTTP/1.1\r\nHost: {host}\r\n", "");

    private static Gen<MalformedRequest> MalformedJson(string host) =>
        from how in Gen.Int[0, 2]
        from cut in Gen.Int[1, ValidJson.Length - 1]
        from bad in Gen.OneOf<byte>(0xFF, 0xC0, 0x80, 0xE9, 0xF5)
        from at in Gen.Int[0, 9]
        from mediaType in Gen.OneOf(JsonMediaTypes)
        let utf8 = Encoding.UTF8.GetBytes(ValidJson)
        let textAt = ValidJson.IndexOf("some text", StringComparison.Ordinal)
        let body = how switch
        {
            0 => utf8[..cut],
            1 => [.. utf8[..(textAt + at)], bad, .. utf8[(textAt + at)..]],
            _ => [.. utf8, .. " x"u8],
        }
        select JsonRequest("malformed JSON", host, mediaType, body);

    private static Gen<MalformedRequest> TooDeepJson(string host) =>
        from depth in Gen.Int[BadInputEdgeFixture.MaxJsonDepth + 1, 20_000]
        from objects in Gen.Bool
        let body = objects
            ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
            : BadInputRequests.Nested(depth)
        select JsonRequest("JSON nested too deep", host, "application/json", Encoding.UTF8.GetBytes(body));

    private static Gen<MalformedRequest> HugeCounts(string host) =>
        from which in Gen.Int[0, 4]
        from n in Gen.Int[0, 1000]
        select which switch
        {
            0 => Request("too many query parameters", $"GET /prod/fuzz?{string.Join('&', Enumerable.Range(0, 513 + n).Select(i => $"p{i}=1"))} HTTP/1.1\r\nHost: {host}\r\n", ""),
            1 => Request("query string too long", $"GET /prod/fuzz?q={new string('q', 8_193 + n)} HTTP/1.1\r\nHost: {host}\r\n", ""),
            2 => Request("too many headers", $"GET /prod/fuzz HTTP/1.1\r\nHost: {host}\r\n{string.Concat(Enumerable.Range(0, 101 + n).Select(i => $"X-H{i}: v\r\n"))}", ""),
            3 => Request("too many path segments", $"GET /prod/{string.Join('/', Enumerable.Repeat("s", 129 + n))} HTTP/1.1\r\nHost: {host}\r\n", ""),
            _ => Request("headers too large", $"GET /prod/fuzz HTTP/1.1\r\nHost: {host}\r\nX-Big: {new string('b', 33 * 1024 + n)}\r\n", ""),
        };

    private static Gen<MalformedRequest> ConflictingContentLengths(string host) =>
        from a in Gen.Int[0, 9]
        from b in Gen.Int[0, 9]
        from bad in Gen.OneOf(BadContentLengths)
        from how in Gen.Int[0, 2]
        let headers = how switch
        {
            0 => $"Content-Length: {a}\r\nContent-Length: {a + 1 + b}\r\n",
            1 => $"Content-Length: {a}, {a + 1 + b}\r\n",
            _ => $"Content-Length: {bad}\r\n",
        }
        select Request("conflicting or invalid Content-Length", $"POST /prod/fuzz HTTP/1.1\r\nHost: {host}\r\n{headers}", "0123456789abcdefghij");

    private static Gen<MalformedRequest> ObsFold(string host) =>
        from ws in Gen.OneOf(" ", "\t", "  ")
        select Request("obs-fold continuation", $"GET /prod/fuzz HTTP/1.1\r\nHost: {host}\r\nX-A: 1\r\n{ws}folded\r\n", "");

    private static Gen<MalformedRequest> BareLineFeed(string host) =>
        from line in Gen.Int[0, 2]
        let lines = new[] { "GET /prod/fuzz HTTP/1.1", $"Host: {host}", "X-A: 1", "Connection: close" }
        select new MalformedRequest("bare LF line ending", Encoding.Latin1.GetBytes(
            string.Concat(lines.Select((l, i) => l + (i == line ? "\n" : "\r\n"))) + "\r\n"));

    /// <summary>The prefix is plain or well-escaped ASCII, so the bad sequence is the only fault.</summary>
    private static bool RequestTargetHasNoOtherMeaning(string prefix) => !prefix.Contains('%', StringComparison.Ordinal) || prefix.Contains("%41", StringComparison.Ordinal) && prefix.Count(c => c == '%') == 1;

    private static MalformedRequest Request(string kind, string head, string body) =>
        new(kind, Encoding.Latin1.GetBytes($"{head}Connection: close\r\n\r\n{body}"));

    private static MalformedRequest JsonRequest(string kind, string host, string mediaType, byte[] body) =>
        new(kind, [.. Encoding.Latin1.GetBytes($"POST /prod/fuzz HTTP/1.1\r\nHost: {host}\r\nContent-Type: {mediaType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body]);
}
