using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;

namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>
/// Rate-limits the JWKS refreshes that tokens with an unknown <c>kid</c> force: at most one per
/// <see cref="JwtAuthorizerOptions.RefreshInterval"/> per issuer, so forged <c>kid</c>s cannot make
/// the gateway hammer the issuer or hold requests waiting. (<see cref="ConfigurationManager{T}.RequestRefresh"/>
/// refreshes in the background; the caller that won the slot waits, bounded, for the new keys.)
/// </summary>
internal sealed class JwksRefresh
{
    private readonly ConcurrentDictionary<string, long> _lastRefresh = new(StringComparer.Ordinal);
    private readonly JwtAuthorizerOptions _options;
    private readonly TimeProvider _time;

    public JwksRefresh(JwtAuthorizerOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>True when this caller may force a refresh of <paramref name="issuer"/>'s keys now.</summary>
    public bool TryBegin(string issuer)
    {
        var now = _time.GetTimestamp();
        var last = _lastRefresh.GetOrAdd(issuer, 0);
        if (last != 0 && _time.GetElapsedTime(last, now) < _options.RefreshInterval)
        {
            return false;
        }
        // Only one of the requests racing here wins; the others fail fast as the token is unknown.
        return _lastRefresh.TryUpdate(issuer, now, last);
    }
}
