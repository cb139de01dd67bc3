namespace OrleansGateway.Grains.Interfaces.ConfigHistory;

/// <summary>A rule's latest verdict on one resource.</summary>
/// <param name="RuleName">The rule.</param>
/// <param name="ResourceType">The resource's type.</param>
/// <param name="ResourceId">The resource's id.</param>
/// <param name="ComplianceType"><c>COMPLIANT</c>, <c>NON_COMPLIANT</c> or <c>NOT_APPLICABLE</c>.</param>
/// <param name="Annotation">Why.</param>
/// <param name="RecordedTime">When it was evaluated.</param>
[GenerateSerializer, Immutable, Alias("og.RuleEvaluation")]
public sealed record RuleEvaluation(
    [property: Id(0)] string RuleName,
    [property: Id(1)] string ResourceType,
    [property: Id(2)] string ResourceId,
    [property: Id(3)] string ComplianceType,
    [property: Id(4)] string? Annotation,
    [property: Id(5)] DateTimeOffset RecordedTime);
