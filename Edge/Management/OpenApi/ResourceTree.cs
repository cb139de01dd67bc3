using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Collects resources as API Gateway creates them on import: the root, every path, and every
/// intermediate parent (<c>/pets</c> for <c>/pets/{id}</c>), each with its methods.
/// </summary>
internal sealed class ResourceTree
{
    private readonly SortedDictionary<string, Dictionary<string, MethodDefinition>> _resources = new(StringComparer.Ordinal)
    {
        ["/"] = new Dictionary<string, MethodDefinition>(StringComparer.Ordinal),
    };

    /// <summary>Adds a resource and its parents; returns its methods for the caller to fill.</summary>
    public Dictionary<string, MethodDefinition> Add(IReadOnlyList<string> segments, string location)
    {
        Dictionary<string, MethodDefinition>? methods = _resources["/"];
        for (var i = 1; i <= segments.Count; i++)
        {
            var path = ResourcePaths.Join(segments.Take(i));
            if (!_resources.TryGetValue(path, out methods))
            {
                CheckSiblings(path, segments[i - 1], location);
                methods = new Dictionary<string, MethodDefinition>(StringComparer.Ordinal);
                _resources[path] = methods;
            }
        }
        return methods;
    }

    public IReadOnlyList<ResourceDefinition> ToList() =>
        _resources.Select(r => new ResourceDefinition(r.Key, r.Value)).ToArray();

    // API Gateway allows one path-parameter child per resource: /a/{id} and /a/{name} cannot both exist.
    private void CheckSiblings(string path, string segment, string location)
    {
        if (!ResourcePaths.IsParameter(segment))
        {
            return;
        }
        var parent = path[..path.LastIndexOf('/')];
        var prefix = parent + "/";
        foreach (var existing in _resources.Keys)
        {
            if (existing.StartsWith(prefix, StringComparison.Ordinal)
                && existing.IndexOf('/', prefix.Length) < 0
                && ResourcePaths.IsParameter(existing[prefix.Length..]))
            {
                throw ImportJson.Error(location,
                    $"'{path}' and '{existing}' are sibling resources with different path parameters; API Gateway allows one parameter segment under '{(parent.Length == 0 ? "/" : parent)}'");
            }
        }
    }
}
