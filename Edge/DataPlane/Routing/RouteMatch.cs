namespace OrleansGateway.Edge.DataPlane.Routing;

/// <summary>The outcome of matching a request path against a <see cref="RouteTrie"/>.</summary>
internal enum RouteMatchStatus
{
    /// <summary>A resource and method matched.</summary>
    Matched,
    /// <summary>No resource, or no method on any matching resource.</summary>
    NotFound,
    /// <summary>The path has more segments than the router accepts.</summary>
    TooManySegments,
}

/// <summary>A matched method and its path parameter values (parallel to the resource's parameter names).</summary>
internal readonly record struct RouteMatch(CompiledMethod Method, string[] PathParameterValues);
