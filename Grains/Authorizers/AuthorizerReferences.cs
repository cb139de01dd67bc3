using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Grains.Authorizers;

/// <summary>How methods refer to authorizers: by id, or (as imported methods do) by the authorizer's name.</summary>
public static class AuthorizerReferences
{
    /// <summary>
    /// The first method (<c>GET /pets</c>) that uses <paramref name="authorizer"/>, or null; a
    /// method of type NONE or AWS_IAM with a leftover authorizer id does not count.
    /// </summary>
    public static string? FirstUser(ApiDefinition definition, AuthorizerDefinition authorizer)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(authorizer);
        foreach (var resource in definition.Resources)
        {
            foreach (var (verb, method) in resource.Methods.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (method.AuthorizationType is not ("NONE" or "AWS_IAM") && Names(method, authorizer))
                {
                    return verb + " " + resource.Path;
                }
            }
        }
        return null;
    }

    /// <summary>The definition with every method that named the authorizer <paramref name="oldName"/> naming <paramref name="id"/> instead.</summary>
    public static ApiDefinition Rename(ApiDefinition definition, string oldName, string id)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var resources = definition.Resources.Select(resource =>
        {
            if (!resource.Methods.Values.Any(m => m.AuthorizerId == oldName))
            {
                return resource;
            }
            var methods = resource.Methods.ToDictionary(
                m => m.Key,
                m => m.Value.AuthorizerId == oldName ? m.Value with { AuthorizerId = id } : m.Value,
                StringComparer.Ordinal);
            return resource with { Methods = methods };
        }).ToList();
        return definition with { Resources = resources };
    }

    private static bool Names(MethodDefinition method, AuthorizerDefinition authorizer) =>
        method.AuthorizerId is { } id && (id == authorizer.Id || id == authorizer.Name);
}
