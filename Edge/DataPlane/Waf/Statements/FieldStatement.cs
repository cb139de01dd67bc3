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
        foreach (var value in Field.Values(request))
        {
            if (Test(value))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Tests one transformed value.</summary>
    protected abstract bool Test(string value);
}
