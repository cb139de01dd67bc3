using System.Text.RegularExpressions;
using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>
/// WAFv2 <c>RegexMatchStatement</c> and <c>RegexPatternSetReferenceStatement</c> (any pattern
/// matching). The regexes are compiled once with <see cref="RegexOptions.NonBacktracking"/>, whose
/// matching time is linear in the input, so an untrusted pattern cannot be a ReDoS vector; the
/// match timeout is a second line of defence, and a timed-out match counts as no match.
/// </summary>
internal sealed class RegexMatchStatement(FieldInspection field, Regex[] patterns) : FieldStatement(field)
{
    protected override bool Test(WafRequest request, string[] values, int index)
    {
        var value = values[index];
        foreach (var pattern in patterns)
        {
            try
            {
                if (pattern.IsMatch(value))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Fail open for this pattern only: the other rules still inspect the request.
            }
        }
        return false;
    }
}
