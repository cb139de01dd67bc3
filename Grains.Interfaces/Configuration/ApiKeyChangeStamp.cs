namespace OrleansGateway.Grains.Interfaces.Configuration;

/// <summary>
/// Where an API key change falls in the catalog's change log: changes are numbered 1, 2, 3… within
/// one activation of the catalog (<paramref name="Epoch"/>), so an edge that sees a number it did not
/// expect knows it missed a push.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ApiKeyChangeStamp")]
public sealed record ApiKeyChangeStamp(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Sequence);
