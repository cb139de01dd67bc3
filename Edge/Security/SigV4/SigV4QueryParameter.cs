using System.Text;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>One query parameter, decoded (to read it) and re-encoded the SigV4 way (to sign it).</summary>
/// <param name="Name">The decoded name.</param>
/// <param name="Value">The decoded value.</param>
/// <param name="CanonicalName">The name as it appears in the canonical query string.</param>
/// <param name="CanonicalValue">The value as it appears in the canonical query string.</param>
internal sealed record SigV4QueryParameter(string Name, string Value, string CanonicalName, string CanonicalValue)
{
    /// <summary>Parses a raw query string; empty <c>&amp;&amp;</c> segments are ignored, <c>name</c> alone means an empty value.</summary>
    public static IReadOnlyList<SigV4QueryParameter> Parse(string rawQuery)
    {
        var query = rawQuery.StartsWith('?') ? rawQuery.AsSpan(1) : rawQuery.AsSpan();
        var parameters = new List<SigV4QueryParameter>();
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var name = SigV4UriEncoding.PercentDecode(equals < 0 ? pair : pair[..equals]);
            var value = SigV4UriEncoding.PercentDecode(equals < 0 ? [] : pair[(equals + 1)..]);
            parameters.Add(new(Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(value), Encode(name), Encode(value)));
        }

        return parameters;
    }

    private static string Encode(byte[] bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        SigV4UriEncoding.AppendEncoded(builder, bytes);
        return builder.ToString();
    }
}
