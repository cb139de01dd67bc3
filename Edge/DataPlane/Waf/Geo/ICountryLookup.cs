using System.Net;

namespace OrleansGateway.Edge.DataPlane.Waf.Geo;

/// <summary>Finds the country of an IP address for geo match statements.</summary>
public interface ICountryLookup
{
    /// <summary>The ISO 3166-1 alpha-2 code of <paramref name="address"/>'s country, or null when unknown.</summary>
    string? CountryOf(IPAddress address);
}
