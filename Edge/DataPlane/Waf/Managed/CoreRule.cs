using OrleansGateway.Edge.DataPlane.Waf.Fields;
using OrleansGateway.Edge.DataPlane.Waf.Statements;
using OrleansGateway.Edge.DataPlane.Waf.Transformations;

namespace OrleansGateway.Edge.DataPlane.Waf.Managed;

/// <summary>One rule of the core rule group: a detector over one field after a transformation chain.</summary>
/// <param name="Name">The rule's name (AWS managed rule names where AWS has the rule).</param>
/// <param name="Field">What it inspects.</param>
/// <param name="Chain">The transformations before the detector.</param>
/// <param name="Detector">The detector.</param>
/// <param name="Subset">Which AWS managed rule group it belongs to (for the AWS names).</param>
internal sealed record CoreRule(string Name, WafField Field, TextTransformationType[] Chain, DetectorStatement.Detector Detector, string Subset);
