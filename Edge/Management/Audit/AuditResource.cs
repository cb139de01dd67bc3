namespace OrleansGateway.Edge.Management.Audit;

/// <summary>A resource a call acted on, as CloudTrail names it.</summary>
/// <param name="Type">E.g. <c>AWS::ApiGateway::RestApi</c>.</param>
/// <param name="Name">The resource's id (for nested resources, ids joined with <c>/</c>).</param>
public sealed record AuditResource(string Type, string Name);
