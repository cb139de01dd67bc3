using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>WAFv2 <c>ByteMatchStatement</c>: ordinal (case-sensitive) search for a string at a position.</summary>
internal sealed class ByteMatchStatement(FieldInspection field, string searchString, PositionalConstraint constraint) : FieldStatement(field)
{
    protected override bool Test(WafRequest request, string[] values, int index) => Test(values[index]);

    private bool Test(string value) => constraint switch
    {
        PositionalConstraint.Exactly => string.Equals(value, searchString, StringComparison.Ordinal),
        PositionalConstraint.StartsWith => value.StartsWith(searchString, StringComparison.Ordinal),
        PositionalConstraint.EndsWith => value.EndsWith(searchString, StringComparison.Ordinal),
        PositionalConstraint.Contains => value.Contains(searchString, StringComparison.Ordinal),
        _ => ContainsWord(value),
    };

    /// <summary>The search string bounded on both sides by the value's ends or a character that is not alphanumeric or '_'.</summary>
    private bool ContainsWord(string value)
    {
        var start = 0;
        while (start <= value.Length - searchString.Length)
        {
            var index = value.IndexOf(searchString, start, StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }
            var end = index + searchString.Length;
            if ((index == 0 || !IsWordChar(value[index - 1])) && (end == value.Length || !IsWordChar(value[end])))
            {
                return true;
            }
            start = index + 1;
        }
        return false;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
