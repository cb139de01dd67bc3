using System.Net;
using MaxMind.Db;
using MaxMind.GeoIP2;

namespace OrleansGateway.Edge.DataPlane.Waf.Geo;

/// <summary>
/// Countries from a MaxMind GeoLite2/GeoIP2 Country (or City) database. The file is memory-mapped
/// and the reader is thread-safe, so a lookup is a tree walk in mapped memory: no I/O per request.
/// </summary>
internal sealed class GeoIpCountryLookup : ICountryLookup, IDisposable
{
    private readonly DatabaseReader _reader;

    public GeoIpCountryLookup(string databasePath)
    {
        _reader = new DatabaseReader(databasePath, FileAccessMode.MemoryMapped);
    }

    public string? CountryOf(IPAddress address)
    {
        try
        {
            return _reader.TryCountry(address, out var response) ? response?.Country.IsoCode : null;
        }
        catch (InvalidDatabaseException)
        {
            // A damaged record places nothing; it must not fail the request.
            return null;
        }
    }

    public void Dispose() => _reader.Dispose();
}
