using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Finds CloudFormation intrinsics (<c>Fn::Sub</c>, <c>Ref</c>...) left in a document. SAM and
/// CloudFormation resolve them before calling API Gateway, which rejects them as they stand; naming
/// the intrinsic tells the author what went wrong instead of a bare "expected a string".
/// </summary>
internal static class CloudFormationIntrinsics
{
    private static readonly HashSet<string> FunctionNames = new(StringComparer.Ordinal)
    {
        "Fn::Sub", "Fn::GetAtt", "Fn::Join", "Fn::If", "Fn::ImportValue", "Fn::Select", "Fn::FindInMap",
        "Fn::Base64", "Fn::Split", "Fn::GetAZs", "Fn::Cidr", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or",
        "Fn::Transform", "Fn::Length", "Fn::ToJsonString",
    };

    /// <summary>The intrinsic's name when <paramref name="node"/> is one, else null.</summary>
    public static string? Find(JsonNode? node)
    {
        if (node is not JsonObject { Count: 1 } obj)
        {
            return null;
        }
        var (key, value) = obj.First();
        var kind = value?.GetValueKind();
        // A schema property called "Ref" holds an object; the intrinsic holds a logical id string.
        if (key == "Ref")
        {
            return kind == JsonValueKind.String ? key : null;
        }
        return FunctionNames.Contains(key) && kind is JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Object ? key : null;
    }

    /// <summary>The location and name of the first intrinsic in document order, if any.</summary>
    public static (string Location, string Name)? FindFirst(JsonNode? node, string location)
    {
        if (Find(node) is { } name)
        {
            return (location, name);
        }
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (FindFirst(child, DocumentLocation.Child(location, key)) is { } found)
                    {
                        return found;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindFirst(array[i], DocumentLocation.Index(location, i)) is { } found)
                    {
                        return found;
                    }
                }
                break;
        }
        return null;
    }
}
