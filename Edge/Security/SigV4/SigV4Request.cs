namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>The parts of an HTTP request that a SigV4 signature covers, exactly as received.</summary>
/// <param name="Method">The HTTP method, e.g. <c>GET</c>.</param>
/// <param name="RawPath">
/// The path as sent on the wire, still percent-encoded (not ASP.NET's decoded <c>Request.Path</c>):
/// non-S3 signers encode the already-encoded path a second time, so the decoded form cannot be used.
/// </param>
/// <param name="RawQuery">The query string as sent, without the leading <c>?</c>; empty when there is none.</param>
/// <param name="Headers">All request headers.</param>
public sealed record SigV4Request(string Method, string RawPath, string RawQuery, SigV4Headers Headers)
{
    /// <summary>Splits a raw request target (<c>/path?query</c>, or an absolute URI) into path and query.</summary>
    public static (string RawPath, string RawQuery) SplitTarget(string rawTarget)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? string.Empty : rawTarget[(queryStart + 1)..];

        // Absolute-form targets (RFC 9112 §3.2.2, sent to proxies) carry scheme and authority first.
        var schemeEnd = path.IndexOf("://", StringComparison.Ordinal);
        if (!path.StartsWith('/') && schemeEnd >= 0)
        {
            var pathStart = path.IndexOf('/', schemeEnd + 3);
            path = pathStart < 0 ? "/" : path[pathStart..];
        }

        return (path, query);
    }
}
