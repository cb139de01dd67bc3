using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.GatewayResponses;

/// <summary>
/// UpdateGatewayResponse's patch operations: <c>/statusCode</c>,
/// <c>/responseParameters/{name}</c> and <c>/responseTemplates/{contentType}</c> (JSON-pointer
/// escaped, <c>application~1json</c>), with <c>add</c>, <c>replace</c> and <c>remove</c>.
/// </summary>
internal static class GatewayResponsePatcher
{
    private const string Parameters = "/responseParameters/";
    private const string Templates = "/responseTemplates/";

    /// <summary>Applies <paramref name="operations"/> to <paramref name="current"/>; 400 for an operation it cannot apply.</summary>
    public static GatewayResponseDefinition Apply(GatewayResponseDefinition current, IReadOnlyList<PatchOperation> operations)
    {
        var status = current.StatusCode;
        var parameters = new Dictionary<string, string>(current.ResponseParameters, StringComparer.Ordinal);
        var templates = new Dictionary<string, string>(current.ResponseTemplates, StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            var remove = operation.Op == "remove";
            if (!remove && operation.Op is not ("add" or "replace"))
            {
                throw Invalid(operation);
            }
            if (operation.Path == "/statusCode")
            {
                status = remove ? null : operation.Value ?? throw Invalid(operation);
            }
            else if (operation.Path.StartsWith(Parameters, StringComparison.Ordinal) && operation.Path.Length > Parameters.Length)
            {
                Set(parameters, Unescape(operation.Path[Parameters.Length..]), remove, operation);
            }
            else if (operation.Path.StartsWith(Templates, StringComparison.Ordinal) && operation.Path.Length > Templates.Length)
            {
                Set(templates, Unescape(operation.Path[Templates.Length..]), remove, operation);
            }
            else
            {
                throw Invalid(operation);
            }
        }
        return current with { StatusCode = status, ResponseParameters = parameters, ResponseTemplates = templates };
    }

    private static void Set(Dictionary<string, string> map, string key, bool remove, PatchOperation operation)
    {
        if (remove)
        {
            map.Remove(key);
        }
        else
        {
            map[key] = operation.Value ?? throw Invalid(operation);
        }
    }

    private static string Unescape(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static ManagementException Invalid(PatchOperation operation) =>
        ManagementException.BadRequest($"Invalid patch path '{(operation.Path.Length > 256 ? operation.Path[..256] : operation.Path)}' for operation '{operation.Op}'");
}
