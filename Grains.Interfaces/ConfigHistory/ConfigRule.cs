namespace OrleansGateway.Grains.Interfaces.ConfigHistory;

/// <summary>A compliance rule, as AWS Config's <c>ConfigRule</c> (the subset the gateway evaluates).</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Description">Free text.</param>
/// <param name="Owner"><c>AWS</c> (a built-in, by <paramref name="SourceIdentifier"/>) or <c>CUSTOM_POLICY</c> (<paramref name="PolicyText"/>).</param>
/// <param name="SourceIdentifier">The built-in's identifier, e.g. <c>API_GW_ENDPOINT_TYPE_CHECK</c>.</param>
/// <param name="PolicyText">A custom rule in the gateway's JSON rule language.</param>
/// <param name="InputParameters">The built-in's parameters as a JSON object string.</param>
/// <param name="ResourceTypes">Scope: the resource types evaluated (empty: the rule's own).</param>
/// <param name="AutoRemediation">The remediation run automatically on a NON_COMPLIANT result, or null.</param>
[GenerateSerializer, Immutable, Alias("og.ConfigRule")]
public sealed record ConfigRule(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string Owner,
    [property: Id(3)] string? SourceIdentifier,
    [property: Id(4)] string? PolicyText,
    [property: Id(5)] string? InputParameters,
    [property: Id(6)] IReadOnlyList<string> ResourceTypes,
    [property: Id(7)] string? AutoRemediation);
