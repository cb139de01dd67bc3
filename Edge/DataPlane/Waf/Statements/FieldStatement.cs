using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>A statement that tests each transformed value of one field; any value matching is a match.</summary>
internal abstract class FieldStatement(FieldInspection field) : WafStatement
{
    public FieldInspection Field { get; } = field;

    public sealed override bool Matches(WafRequest request)
    {
        if (Field.Field.ForcedVerdict(request) is { } forced)
        {
            return forced;
        }
        var values = Field.Values(request);
        for (var i = 0; i < values.Length; i++)
        {
            if (Test(request, values, i))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Tests the transformed value at <paramref name="index"/> of <paramref name="values"/>; the request and
    /// index let a statement use per-value work shared with other statements (the detectors' value shapes).
    /// </summary>
    protected abstract bool Test(WafRequest request, string[] values, int index);
}
