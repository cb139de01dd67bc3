using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Resources;

/// <summary>
/// Every resource of a definition as API Gateway lists them: one per path, with the ancestors an
/// import creates implicitly (<c>/pets</c> for <c>/pets/{id}</c>), sorted by path so pages are stable.
/// </summary>
internal static class ResourceTree
{
    /// <summary>The resources of <paramref name="definition"/>, root first, then by path (ordinal).</summary>
    public static IReadOnlyList<ResourceDefinition> Flatten(ApiDefinition definition)
    {
        var byPath = new SortedDictionary<string, ResourceDefinition>(StringComparer.Ordinal);
        byPath["/"] = new ResourceDefinition("/", new Dictionary<string, MethodDefinition>());
        foreach (var resource in definition.Resources)
        {
            byPath[resource.Path] = resource;
            for (var parent = ParentOf(resource.Path); parent is not null; parent = ParentOf(parent))
            {
                byPath.TryAdd(parent, new ResourceDefinition(parent, new Dictionary<string, MethodDefinition>()));
            }
        }
        return [.. byPath.Values];
    }

    /// <summary>The parent path, or null for the root.</summary>
    public static string? ParentOf(string path)
    {
        if (path == "/")
        {
            return null;
        }
        var slash = path.TrimEnd('/').LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>The last segment of <paramref name="path"/>; null for the root.</summary>
    public static string? PathPartOf(string path) => path == "/" ? null : path.TrimEnd('/')[(path.TrimEnd('/').LastIndexOf('/') + 1)..];
}
