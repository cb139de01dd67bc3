namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>What a mapping does to its target (HTTP API's <c>overwrite:</c>, <c>append:</c>, <c>remove:</c>).</summary>
internal enum MappingAction
{
    /// <summary>Replace every value of the target (REST's <c>integration.request.header.x</c> too).</summary>
    Overwrite,

    /// <summary>Add a value after the existing ones.</summary>
    Append,

    /// <summary>Take the target away.</summary>
    Remove,
}
