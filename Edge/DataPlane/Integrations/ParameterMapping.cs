namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>One compiled <c>integration.request.{header|querystring}.Name</c> ← source mapping.</summary>
internal sealed record ParameterMapping(string Name, ParameterSource Source);
