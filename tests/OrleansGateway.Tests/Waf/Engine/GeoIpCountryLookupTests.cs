using System.Net;
using OrleansGateway.Edge.DataPlane.Waf;
using OrleansGateway.Edge.DataPlane.Waf.Geo;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;
using static OrleansGateway.Tests.Waf.Engine.WafTest;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>Countries from a MaxMind country database through the real MaxMind.GeoIP2 reader.</summary>
public sealed class GeoIpCountryLookupTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("og-waf-geo-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void DatabaseGivesTheCountryOfAnAddressInItsNetworksAndNothingElsewhere()
    {
        var path = TestCountryDatabase.Write(_directory.FullName, ("203.0.113.0/24", "KP"), ("198.51.100.128/25", "FR"));
        using var lookup = new GeoIpCountryLookup(path);

        Assert.Equal("KP", lookup.CountryOf(IPAddress.Parse("203.0.113.77")));
        Assert.Equal("FR", lookup.CountryOf(IPAddress.Parse("198.51.100.200")));
        Assert.Null(lookup.CountryOf(IPAddress.Parse("198.51.100.5")));
        Assert.Null(lookup.CountryOf(IPAddress.Parse("192.0.2.1")));
        Assert.Null(lookup.CountryOf(IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void GeoMatchBlocksBySourceIpAndByForwardedIpThroughTheDatabase()
    {
        var path = TestCountryDatabase.Write(_directory.FullName, ("203.0.113.0/24", "KP"));
        using var lookup = new GeoIpCountryLookup(path);
        var bySource = Compile(Acl(rules: Rule("geo", 0, """{"GeoMatchStatement": {"CountryCodes": ["KP"]}}""")));
        var byForwarded = Compile(Acl(rules: Rule("geo", 0, """{"GeoMatchStatement": {"CountryCodes": ["KP"], "ForwardedIPConfig": {"HeaderName": "X-Forwarded-For", "FallbackBehavior": "NO_MATCH"}}}""")));

        WafVerdict Evaluate(CompiledWebAcl acl, string sourceIp, params (string, string)[] headers)
        {
            var template = Request(acl, sourceIp: sourceIp, headers: headers);
            var request = new WafRequest(template.Method, template.UriPath, template.QueryString, template.Headers, default, 0, false, null,
                template.SourceIp, new WafRuntime(null, lookup, null), acl.SlotCount, acl.RawSlotCount);
            return acl.Evaluate(request);
        }

        Assert.Equal(WafActionKind.Block, Evaluate(bySource, "203.0.113.9").Action);
        Assert.Equal(WafActionKind.Allow, Evaluate(bySource, "192.0.2.9").Action);
        Assert.Equal(WafActionKind.Block, Evaluate(byForwarded, "127.0.0.1", ("X-Forwarded-For", "203.0.113.9, 10.0.0.1")).Action);
        Assert.Equal(WafActionKind.Allow, Evaluate(byForwarded, "203.0.113.9").Action);
    }
}
