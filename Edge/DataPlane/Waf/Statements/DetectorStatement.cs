using OrleansGateway.Edge.DataPlane.Waf.Detection;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>
/// A statement answered by one of the detectors in <c>Waf/Detection</c>: WAFv2's
/// <c>SqliMatchStatement</c> and <c>XssMatchStatement</c>, and the core rule group's rules.
/// </summary>
internal sealed class DetectorStatement : FieldStatement
{
    private readonly Detector _detector;

    public DetectorStatement(FieldInspection field, Detector detector)
        : base(field)
    {
        _detector = detector;
        field.DetectorCount++;
    }

    /// <summary>A detector over one transformed value whose shape (<see cref="ValueShape"/>) is known.</summary>
    public delegate bool Detector(ReadOnlySpan<char> value, ValueShape shape);

    // The shapes are worked out once per (field, transformations) and shared by every detector that inspects it.
    protected override bool Test(WafRequest request, string[] values, int index) =>
        values[index].Length > 0 && _detector(values[index], Field.Shapes(request)[index]);
}
