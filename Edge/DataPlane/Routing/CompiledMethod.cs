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
    CompiledIntegration Integration)
{
    /// <summary>
    /// The stage's method-level throttle for this method (its own method setting, else the stage's
    /// <c>*/*</c> one), with its precomputed bucket key; null when the stage sets none.
    /// </summary>
    public StageMethodThrottle? StageThrottle { get; init; }

    /// <summary>The method's request validator, compiled with the stage; null when requests are not validated.</summary>
    public Validation.CompiledRequestValidator? Validator { get; init; }

    /// <summary>Detailed metrics and execution logs for this method (the stage's method settings).</summary>
    public Observability.MethodObservability Observability { get; init; } = Edge.Observability.MethodObservability.Off;

    /// <summary>The usage-plan method key, <c>"/pets/GET"</c> (root: <c>"//GET"</c>).</summary>
    public string PlanMethodKey { get; } = Resource.Path + "/" + HttpMethod;
}
