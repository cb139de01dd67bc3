using OrleansGateway.Edge.DataPlane.Integrations;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Routing;

/// <summary>A method of a compiled resource with its compiled integration.</summary>
/// <param name="HttpMethod">Upper-case method or <c>ANY</c>.</param>
/// <param name="Resource">The resource the method belongs to.</param>
/// <param name="Definition">The method as deployed (for later pipeline stages: auth, keys, validation).</param>
/// <param name="Integration">How the method is served.</param>
internal sealed record CompiledMethod(
    string HttpMethod,
    CompiledResource Resource,
    MethodDefinition Definition,
    CompiledIntegration Integration);
