using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>
/// WAFv2 <c>GeoMatchStatement</c>: the client's country is one of the codes. Without a forwarded
/// IP config the country is the request's (trusted header, else database on the source IP); with
/// one, the database's answer for the forwarded IP.
/// </summary>
internal sealed class GeoMatchStatement(IReadOnlySet<string> countryCodes, ForwardedIpSource? forwarded) : WafStatement
{
    public override bool Matches(WafRequest request)
    {
        if (forwarded is null)
        {
            return request.Country is { } country && countryCodes.Contains(country);
        }
        var addresses = forwarded.Addresses(request);
        if (addresses.Count == 0)
        {
            return forwarded.FallbackMatches;
        }
        return request.Runtime.Countries.CountryOf(addresses[0]) is { } forwardedCountry && countryCodes.Contains(forwardedCountry);
    }
}
