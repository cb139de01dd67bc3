using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Statements;

/// <summary>
/// WAFv2 <c>LabelMatchStatement</c> over the labels earlier rules added. A key may be the fully
/// qualified label or any trailing part of it that starts at a ':' boundary; a NAMESPACE key
/// (ending in ':') matches labels inside that namespace.
/// </summary>
internal sealed class LabelMatchStatement(string key, bool isNamespace) : WafStatement
{
    public override bool Matches(WafRequest request)
    {
        if (request.Labels is not { } labels)
        {
            return false;
        }
        foreach (var label in labels)
        {
            if (isNamespace ? InNamespace(label) : IsLabel(label))
            {
                return true;
            }
        }
        return false;
    }

    private bool IsLabel(string label) =>
        label == key || (label.EndsWith(key, StringComparison.Ordinal) && label[label.Length - key.Length - 1] == ':');

    private bool InNamespace(string label) =>
        label.StartsWith(key, StringComparison.Ordinal) || label.Contains(":" + key, StringComparison.Ordinal);
}
