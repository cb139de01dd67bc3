using System.Net;

namespace OrleansGateway.Edge.DataPlane.Waf.Geo;

/// <summary>No country database configured: only the trusted country header can place a request.</summary>
internal sealed class NoCountryDatabase : ICountryLookup
{
    public string? CountryOf(IPAddress address) => null;
}
