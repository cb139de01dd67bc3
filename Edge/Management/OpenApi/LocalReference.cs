using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Resolves <c>$ref</c> values that point inside the document (<c>#/components/...</c>). Import
/// never follows references to other files or URLs: it is pure and must not fetch.
/// </summary>
internal static class LocalReference
{
    /// <summary>Follows <c>$ref</c> chains from <paramref name="node"/>; returns the node itself when it is not a reference.</summary>
    public static JsonNode? Resolve(JsonObject document, JsonNode? node, string location)
    {
        // A bounded number of hops: a cycle of references would otherwise never end.
        for (var hops = 0; hops < 16; hops++)
        {
            if (node is not JsonObject obj || obj["$ref"] is not { } reference)
            {
                return node;
            }
            node = Follow(document, ImportJson.Scalar(reference, DocumentLocation.Child(location, "$ref")) ?? "", location);
        }
        throw ImportJson.Error(location, "$ref chain is too long or circular");
    }

    private static JsonNode Follow(JsonObject document, string reference, string location)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw ImportJson.Error(DocumentLocation.Child(location, "$ref"), $"'{reference}' points outside the document; import resolves only local references (#/...)");
        }
        JsonNode? current = document;
        foreach (var token in reference[2..].Split('/'))
        {
            var name = Uri.UnescapeDataString(token).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj => obj[name],
                JsonArray array when int.TryParse(name, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null)
            {
                break;
            }
        }
        return current ?? throw ImportJson.Error(DocumentLocation.Child(location, "$ref"), $"'{reference}' does not resolve inside the document");
    }
}
