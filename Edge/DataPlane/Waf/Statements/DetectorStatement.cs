using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>
/// A statement answered by one of the detectors in <c>Waf/Detection</c>: WAFv2's
/// <c>SqliMatchStatement</c> and <c>XssMatchStatement</c>, and the core rule group's rules.
/// </summary>
internal sealed class DetectorStatement(FieldInspection field, DetectorStatement.Detector detector) : FieldStatement(field)
{
    /// <summary>A detector over one transformed value.</summary>
    public delegate bool Detector(ReadOnlySpan<char> value);

    protected override bool Test(string value) => value.Length > 0 && detector(value);
}
