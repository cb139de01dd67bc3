using OrleansGateway.Edge.DataPlane.Waf.Geo;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;

namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>
/// What evaluating a web ACL needs besides the request: the cluster-wide rate counter (null when
/// none is registered: rate-based rules then never match), the country database and the header a
/// trusted proxy in front of the gateway sets to the client's country (null: no header is trusted).
/// </summary>
internal sealed record WafRuntime(IWafRateCounter? RateCounter, ICountryLookup Countries, string? CountryHeader);
