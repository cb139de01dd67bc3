using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>
/// WAF's <c>Limit</c>/<c>NextMarker</c> paging over a list sorted by name then id. The marker
/// encodes the last item returned, so a page stays correct when items before it are deleted.
/// </summary>
internal static class WafPaging
{
    /// <summary>WAF's largest page.</summary>
    public const int MaxLimit = 100;

    /// <summary>One page of <paramref name="items"/> and the marker of the next, if any.</summary>
    public static (IReadOnlyList<WafEntity> Page, string? NextMarker) Page(IReadOnlyList<WafEntity> items, WafInput input)
    {
        var limit = input.OptionalInteger("Limit", "ENTITY_LIMIT") ?? MaxLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw WafException.InvalidParameter("ENTITY_LIMIT", limit.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Limit must be between 1 and {MaxLimit}");
        }
        var start = 0;
        if (input.OptionalString("NextMarker", "NEXT_MARKER") is { Length: > 0 } marker)
        {
            var (name, id) = Decode(marker);
            while (start < items.Count && Compare(items[start], name, id) <= 0)
            {
                start++;
            }
        }
        var page = items.Skip(start).Take((int)limit).ToList();
        var next = start + page.Count < items.Count ? Encode(page[^1]) : null;
        return (page, next);
    }

    private static int Compare(WafEntity entity, string name, string id)
    {
        var byName = string.CompareOrdinal(entity.Name, name);
        return byName != 0 ? byName : string.CompareOrdinal(entity.Id, id);
    }

    private static string Encode(WafEntity last) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{last.Name}\n{last.Id}"));

    private static (string Name, string Id) Decode(string marker)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(marker)).Split('\n');
            if (parts.Length == 2)
            {
                return (parts[0], parts[1]);
            }
        }
        catch (FormatException)
        {
            // Answered below.
        }
        throw WafException.InvalidParameter("NEXT_MARKER", marker, "NextMarker is invalid");
    }
}
