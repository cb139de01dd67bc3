namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>Where a mapping writes.</summary>
internal enum MappingTargetKind
{
    /// <summary>A header (request or response).</summary>
    Header,

    /// <summary>A query string parameter of the backend request.</summary>
    QueryString,

    /// <summary>A path parameter of the integration URI (REST's <c>integration.request.path.x</c>).</summary>
    PathParameter,

    /// <summary>The whole backend path (HTTP API's <c>overwrite:path</c>).</summary>
    Path,

    /// <summary>The caller's status code (HTTP API's <c>overwrite:statuscode</c>).</summary>
    StatusCode,
}

/// <summary>
/// The key of one mapping, parsed: REST's <c>integration.request.header.x</c> or
/// <c>method.response.header.x</c>, or HTTP API's <c>{append|overwrite|remove}:{header|querystring}.x</c>,
/// <c>overwrite:path</c>, <c>overwrite:statuscode</c>.
/// </summary>
/// <param name="IsHttpApiSyntax">True for <c>action:target</c> keys, whose values use HTTP API syntax.</param>
internal sealed record MappingTarget(MappingTargetKind Kind, MappingAction Action, string Name, bool IsHttpApiSyntax)
{
    /// <summary>True for keys in HTTP API syntax (they contain a colon; REST keys never do).</summary>
    public static bool IsHttpApiKey(string key) => key.Contains(':', StringComparison.Ordinal);

    /// <summary>An integration request key; null when it is not one.</summary>
    public static MappingTarget? ParseRequest(string key)
    {
        if (TryName(key, "integration.request.header.", out var name))
        {
            return new(MappingTargetKind.Header, MappingAction.Overwrite, name, false);
        }
        if (TryName(key, "integration.request.querystring.", out name))
        {
            return new(MappingTargetKind.QueryString, MappingAction.Append, name, false);
        }
        if (TryName(key, "integration.request.path.", out name))
        {
            return new(MappingTargetKind.PathParameter, MappingAction.Overwrite, name, false);
        }
        if (key == "overwrite:path")
        {
            return new(MappingTargetKind.Path, MappingAction.Overwrite, string.Empty, true);
        }
        return ParseHttpApi(key, allowQueryString: true);
    }

    /// <summary>An integration response key; null when it is not one.</summary>
    public static MappingTarget? ParseResponse(string key)
    {
        if (TryName(key, "method.response.header.", out var name))
        {
            return new(MappingTargetKind.Header, MappingAction.Overwrite, name, false);
        }
        if (key == "overwrite:statuscode")
        {
            return new(MappingTargetKind.StatusCode, MappingAction.Overwrite, string.Empty, true);
        }
        return ParseHttpApi(key, allowQueryString: false);
    }

    private static MappingTarget? ParseHttpApi(string key, bool allowQueryString)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        MappingAction? action = key[..colon] switch
        {
            "overwrite" => MappingAction.Overwrite,
            "append" => MappingAction.Append,
            "remove" => MappingAction.Remove,
            _ => null,
        };
        if (action is null)
        {
            return null;
        }
        var target = key[(colon + 1)..];
        if (TryName(target, "header.", out var name))
        {
            return new(MappingTargetKind.Header, action.Value, name, true);
        }
        if (allowQueryString && TryName(target, "querystring.", out name))
        {
            return new(MappingTargetKind.QueryString, action.Value, name, true);
        }
        return null;
    }

    private static bool TryName(string key, string prefix, out string name)
    {
        name = key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : string.Empty;
        return name.Length > 0;
    }
}
