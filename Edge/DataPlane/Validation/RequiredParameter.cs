namespace OrleansGateway.Edge.DataPlane.Validation;

/// <summary>A <c>method.request.{path|querystring|header}.name</c> declared as required.</summary>
/// <param name="Source">Where the parameter is read from.</param>
/// <param name="Name">The parameter's name as declared (query names compare case-sensitively).</param>
internal sealed record RequiredParameter(RequestParameterSource Source, string Name);

/// <summary>Where a method request parameter lives.</summary>
internal enum RequestParameterSource
{
    /// <summary><c>method.request.path.x</c>.</summary>
    Path,
    /// <summary><c>method.request.querystring.x</c>.</summary>
    QueryString,
    /// <summary><c>method.request.header.x</c>.</summary>
    Header,
}
