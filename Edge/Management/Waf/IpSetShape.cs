using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>IP sets: an address version and up to 10,000 CIDR blocks of that version.</summary>
internal sealed class IpSetShape : WafEntityShape
{
    public override WafEntityKind Kind => WafEntityKind.IpSet;

    public override string Noun => "IPSet";

    public override string Field => "IP_SET";

    protected override IReadOnlyList<string> CreateMembers { get; } = ["IPAddressVersion", "Addresses"];

    protected override IReadOnlyList<string> UpdateMembers { get; } = ["Addresses"];

    protected override IReadOnlyList<string> KeptOnUpdate { get; } = ["IPAddressVersion"];

    protected override (IReadOnlyList<string> References, long Capacity) Check(JsonElement body, WafEntity? current, WafDraftContext context)
    {
        var version = body.TryGetProperty("IPAddressVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var family = version switch
        {
            "IPV4" => AddressFamily.InterNetwork,
            "IPV6" => AddressFamily.InterNetworkV6,
            _ => throw WafException.InvalidParameter("IP_ADDRESS_VERSION", version, "IPAddressVersion must be IPV4 or IPV6"),
        };
        if (!body.TryGetProperty("Addresses", out var addresses) || addresses.ValueKind != JsonValueKind.Array)
        {
            throw WafException.InvalidParameter("IP_ADDRESS", null, "Addresses is required");
        }
        if (addresses.GetArrayLength() > WafLimits.MaxAddressesPerIpSet)
        {
            throw WafException.Limits($"{WafLimits.MaxAddressesPerIpSet} addresses in an IP set");
        }
        foreach (var address in addresses.EnumerateArray())
        {
            var text = address.ValueKind == JsonValueKind.String ? address.GetString() : null;
            if (!IsCidr(text, family))
            {
                throw WafException.InvalidParameter("IP_ADDRESS", text, $"Addresses must be {version} CIDR blocks such as {(family == AddressFamily.InterNetwork ? "192.0.2.0/24" : "2001:db8::/32")}");
            }
        }
        return ([], 0);
    }

    /// <summary>WAF wants CIDR notation (an address and a prefix length); host bits may be set.</summary>
    private static bool IsCidr(string? text, AddressFamily family)
    {
        if (text is null || text.Length > 64)
        {
            return false;
        }
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var maxPrefix = family == AddressFamily.InterNetwork ? 32 : 128;
        return slash > 0
            && IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            && address.AddressFamily == family
            && int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            && prefix >= 0 && prefix <= maxPrefix;
    }
}
