using System.Net;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>WAFv2 <c>IPSetReferenceStatement</c>: the source (or forwarded) IP is in one of the CIDR ranges.</summary>
internal sealed class IpSetStatement(IPNetwork[] networks, ForwardedIpSource? forwarded) : WafStatement
{
    public override bool Matches(WafRequest request)
    {
        if (forwarded is null)
        {
            return request.SourceIp is { } source && Contains(source);
        }
        var addresses = forwarded.Addresses(request);
        if (addresses.Count == 0)
        {
            return forwarded.FallbackMatches;
        }
        foreach (var address in addresses)
        {
            if (Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    private bool Contains(IPAddress address)
    {
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }
}
