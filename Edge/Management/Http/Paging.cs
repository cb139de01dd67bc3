using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Http;

/// <summary>A page request: <c>?position=</c> (opaque token) and <c>?limit=</c> (1–500, default 25).</summary>
internal readonly record struct PageRequest(string? AfterKey, int Limit)
{
    /// <summary>API Gateway's default page size.</summary>
    public const int DefaultLimit = 25;

    /// <summary>API Gateway's largest page size.</summary>
    public const int MaxLimit = 500;

    private const int MaxPositionLength = 2048;

    /// <summary>Reads and bounds the query; 400 for a limit outside 1–500 or an unreadable position.</summary>
    public static PageRequest From(HttpRequest request)
    {
        var limit = DefaultLimit;
        if (request.Query.TryGetValue("limit", out var limitText) && !string.IsNullOrEmpty(limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit)
            {
                throw ManagementException.BadRequest($"Invalid limit specified. Must be between 1 and {MaxLimit}");
            }
        }
        string? afterKey = null;
        if (request.Query.TryGetValue("position", out var position) && !string.IsNullOrEmpty(position))
        {
            afterKey = Decode(position.ToString());
        }
        return new PageRequest(afterKey, limit);
    }

    /// <summary>The opaque token for "after <paramref name="key"/>".</summary>
    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    private static string Decode(string position)
    {
        if (position.Length <= MaxPositionLength)
        {
            try
            {
                return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(position));
            }
            catch (FormatException)
            {
                // Falls through to the 400 below.
            }
        }
        throw ManagementException.BadRequest("Invalid position specified");
    }
}

/// <summary>One page of a listing and the token for the next one (null on the last page).</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? Position);

/// <summary>Cuts listings into pages keyed by each item's stable key.</summary>
internal static class Paging
{
    /// <summary>
    /// The page after <see cref="PageRequest.AfterKey"/>. With <paramref name="order"/> the items are
    /// sorted by key in that order, and a page resumes after the position even if that item has
    /// since been deleted; without it the position item must still exist.
    /// </summary>
    public static Page<T> Take<T>(IReadOnlyList<T> items, Func<T, string> key, PageRequest request, IComparer<string>? order = null)
    {
        var start = 0;
        if (request.AfterKey is { } after)
        {
            start = order is null ? IndexAfterExact(items, key, after) : IndexAfterOrdered(items, key, after, order);
        }
        var count = Math.Min(request.Limit, items.Count - start);
        var page = new T[count];
        for (var i = 0; i < count; i++)
        {
            page[i] = items[start + i];
        }
        var next = start + count < items.Count && count > 0 ? PageRequest.Encode(key(page[^1])) : null;
        return new Page<T>(page, next);
    }

    private static int IndexAfterExact<T>(IReadOnlyList<T> items, Func<T, string> key, string after)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (string.Equals(key(items[i]), after, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        throw ManagementException.BadRequest("Invalid position specified");
    }

    private static int IndexAfterOrdered<T>(IReadOnlyList<T> items, Func<T, string> key, string after, IComparer<string> order)
    {
        var i = 0;
        while (i < items.Count && order.Compare(key(items[i]), after) <= 0)
        {
            i++;
        }
        return i;
    }
}
