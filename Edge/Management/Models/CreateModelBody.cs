namespace OrleansGateway.Edge.Management.Models;

/// <summary>CreateModel's body.</summary>
internal sealed record CreateModelBody(string? Name, string? Description, string? Schema, string? ContentType);
