namespace OrleansGateway.Grains.Interfaces.Management;

/// <summary>One JSON-patch-like operation of API Gateway's v1 <c>Update*</c> calls; values are always strings.</summary>
[GenerateSerializer, Immutable, Alias("og.PatchOperation")]
public sealed record PatchOperation(
    [property: Id(0)] string Op,
    [property: Id(1)] string Path,
    [property: Id(2)] string? Value,
    [property: Id(3)] string? From);
