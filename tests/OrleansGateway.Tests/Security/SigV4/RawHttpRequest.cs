using System.Security.Cryptography;
using System.Text;
using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Tests.Security.SigV4;

/// <summary>An HTTP/1.1 request as written in the suites' <c>.req</c>/<c>*-request.txt</c> files.</summary>
internal sealed record RawHttpRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>
    /// Parses <c>METHOD target HTTP/1.1</c>, <c>Name:value</c> lines (a line starting with whitespace
    /// continues the previous value: RFC 9112 obs-fold, replaced by a space) and the body after the
    /// first blank line. The target may contain raw spaces and UTF-8, as in the suites.
    /// </summary>
    public static RawHttpRequest Parse(string text)
    {
        var headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = headerEnd < 0 ? text : text[..headerEnd];
        var body = headerEnd < 0 ? [] : Encoding.UTF8.GetBytes(text[(headerEnd + 2)..]);
        var lines = head.Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(' ')];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(line => line.Length > 0))
        {
            if (line[0] is ' ' or '\t')
            {
                var previous = headers[^1];
                headers[^1] = new(previous.Key, previous.Value + " " + line);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        return new RawHttpRequest(method, target, headers, body);
    }

    public static RawHttpRequest Load(string path) => Parse(SigV4ConformanceSuite.ReadText(path));

    public string PayloadHash => Convert.ToHexStringLower(SHA256.HashData(Body));

    public string RawQuery => Target.Contains('?', StringComparison.Ordinal) ? Target[(Target.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;

    public string RawPath => Target.Contains('?', StringComparison.Ordinal) ? Target[..Target.IndexOf('?', StringComparison.Ordinal)] : Target;

    public string? Header(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public RawHttpRequest WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public SigV4Request ToSigV4Request()
    {
        var headers = new SigV4Headers();
        foreach (var (name, value) in Headers)
        {
            headers.Add(name, value);
        }

        return new SigV4Request(Method, RawPath, RawQuery, headers);
    }
}
