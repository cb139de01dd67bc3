using System.Text.Json;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// How a call waits in the spool: the <see cref="ManagementCall"/> itself as one JSON line, not a
/// chained record, because its sequence and previous hash are known only when it reaches the store.
/// </summary>
internal static class SpooledCall
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The spool line for <paramref name="call"/>; the answer body (used only by live listeners) is left out.</summary>
    public static string ToLine(ManagementCall call) => JsonSerializer.Serialize(call with { ResponseBody = null }, Options);

    /// <summary>The call a spool line holds, or null for a line that cannot be read back.</summary>
    public static ManagementCall? FromLine(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<ManagementCall>(line, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
