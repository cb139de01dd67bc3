using System.Net;
using Microsoft.Extensions.Primitives;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>
/// WAFv2 <c>ForwardedIPConfig</c> / <c>IPSetForwardedIPConfig</c>: take the client IP from a
/// header a proxy sets instead of the connection; when the header is missing or not an IP the
/// statement's verdict is <see cref="FallbackMatches"/>.
/// </summary>
internal sealed record ForwardedIpSource(string HeaderName, bool FallbackMatches, ForwardedIpPosition Position)
{
    /// <summary>The addresses to test (one, or every one for <see cref="ForwardedIpPosition.Any"/>); empty when none is usable.</summary>
    public IReadOnlyList<IPAddress> Addresses(WafRequest request)
    {
        if (Position == ForwardedIpPosition.First)
        {
            return request.ForwardedIp(HeaderName) is { } first ? [first] : [];
        }
        if (!request.Headers.TryGetValue(HeaderName, out var values) || StringValues.IsNullOrEmpty(values))
        {
            return [];
        }
        var addresses = new List<IPAddress>();
        // A malformed entry makes the whole header unusable, as in WAFv2: the fallback decides.
        foreach (var part in values.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(10))
        {
            if (!IPAddress.TryParse(part, out var address))
            {
                return [];
            }
            addresses.Add(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        }
        return Position == ForwardedIpPosition.Last && addresses.Count > 0 ? [addresses[^1]] : addresses;
    }
}

/// <summary>Which address of a forwarded header an IP set inspects.</summary>
internal enum ForwardedIpPosition
{
    First,
    Last,
    Any,
}
