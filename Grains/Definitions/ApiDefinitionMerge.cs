using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Grains.Definitions;

/// <summary>PutRestApi's <c>mode=merge</c>: the new document's methods are added or overwrite, everything else stays.</summary>
internal static class ApiDefinitionMerge
{
    public static ApiDefinition Merge(ApiDefinition existing, ApiDefinition incoming)
    {
        var resources = existing.Resources.ToDictionary(
            r => r.Path,
            r => new Dictionary<string, MethodDefinition>(r.Methods, StringComparer.Ordinal),
            StringComparer.Ordinal);
        foreach (var resource in incoming.Resources)
        {
            if (!resources.TryGetValue(resource.Path, out var methods))
            {
                resources[resource.Path] = methods = new Dictionary<string, MethodDefinition>(StringComparer.Ordinal);
            }
            foreach (var (name, method) in resource.Methods)
            {
                methods[name] = method;
            }
        }

        var extensions = new Dictionary<string, string>(existing.Extensions, StringComparer.Ordinal);
        foreach (var (name, json) in incoming.Extensions)
        {
            extensions[name] = json;
        }

        return new ApiDefinition(
            resources.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new ResourceDefinition(r.Key, r.Value))
                .ToList(),
            extensions,
            incoming.DocumentJson ?? existing.DocumentJson)
        {
            // Authorizers merge by name, as API Gateway's merge keeps existing ones the document does not name.
            Authorizers = existing.Authorizers.Where(a => incoming.Authorizers.All(i => i.Name != a.Name)).Concat(incoming.Authorizers).ToList(),
            Policy = incoming.Policy ?? existing.Policy,
        };
    }
}
