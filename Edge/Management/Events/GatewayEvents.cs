using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.Events;

/// <summary>Builds events in EventBridge's envelope (<c>version</c>, <c>id</c>, <c>detail-type</c>, <c>source</c>, …, <c>detail</c>).</summary>
internal static class GatewayEvents
{
    public static JsonObject Envelope(string source, string detailType, DateTimeOffset time, string accountId, string region, IEnumerable<string> resources, JsonObject detail) => new()
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = accountId,
        ["time"] = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["region"] = region,
        ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode)r)]),
        ["detail"] = detail,
    };
}
