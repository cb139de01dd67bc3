namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>One compiled HTTP API style mapping: what to do to which header or query parameter, with which value.</summary>
/// <param name="Value">Null for <see cref="MappingAction.Remove"/>.</param>
internal sealed record MappingOperation(MappingAction Action, string Name, MappingExpression? Value)
{
    /// <summary>The order applied when several mappings touch one message: removals first (so a removed header can be set again), then overwrites, then appends.</summary>
    public static MappingOperation[] InApplicationOrder(IEnumerable<MappingOperation> operations) =>
        [.. operations.OrderBy(operation => operation.Action switch
        {
            MappingAction.Remove => 0,
            MappingAction.Overwrite => 1,
            _ => 2,
        })];
}
