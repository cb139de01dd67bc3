namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>How the edge runs web ACLs, bound from <c>Gateway:Waf</c>.</summary>
public sealed class WafOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway:Waf";

    /// <summary>
    /// How many bytes of a body the rules inspect (WAFv2's default for API Gateway is 8 KB); beyond
    /// it a Body field's OversizeHandling decides. The integration still receives the whole body.
    /// </summary>
    public int BodyInspectionLimitBytes { get; set; } = 8 * 1024;

    /// <summary>Path of a MaxMind GeoLite2/GeoIP2 Country (or City) database for geo match; unset: no database.</summary>
    public string? GeoIpDatabase { get; set; }

    /// <summary>
    /// A header that a trusted proxy in front of the gateway sets to the client's ISO country code
    /// (e.g. <c>CloudFront-Viewer-Country</c>). Unset by default: a client could set it itself.
    /// </summary>
    public string? CountryHeader { get; set; }
}
