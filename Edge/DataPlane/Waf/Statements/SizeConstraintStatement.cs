using System.Text;
using OrleansGateway.Edge.DataPlane.Waf.Fields;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>
/// WAFv2 <c>SizeConstraintStatement</c>: the size in bytes of each transformed value against a
/// number. An untransformed body is measured whole (its declared or read length), not just the
/// inspected part.
/// </summary>
internal sealed class SizeConstraintStatement(FieldInspection field, ComparisonOperator comparison, long size) : WafStatement
{
    public override bool Matches(WafRequest request)
    {
        if (field.Field.Kind == FieldKind.Body && field.Chain.Length == 0)
        {
            return Compare(request.BodyLength);
        }
        if (field.Field.ForcedVerdict(request) is { } forced)
        {
            return forced;
        }
        foreach (var value in field.Values(request))
        {
            if (Compare(Encoding.UTF8.GetByteCount(value)))
            {
                return true;
            }
        }
        return false;
    }

    private bool Compare(long actual) => comparison switch
    {
        ComparisonOperator.Eq => actual == size,
        ComparisonOperator.Ne => actual != size,
        ComparisonOperator.Le => actual <= size,
        ComparisonOperator.Lt => actual < size,
        ComparisonOperator.Ge => actual >= size,
        _ => actual > size,
    };
}
