using OrleansGateway.Edge.DataPlane.Waf.Fields;
using OrleansGateway.Edge.DataPlane.Waf.Transformations;

namespace OrleansGateway.Edge.DataPlane.Waf.Inspection;

/// <summary>
/// A field and the transformations applied to it before matching. The compiler gives every
/// distinct pair one <see cref="Slot"/>, so however many rules inspect "query arguments, URL
/// decoded and lowercased", the request's values are transformed once.
/// </summary>
internal sealed class FieldInspection(WafField field, TextTransformationType[] chain, int slot)
{
    public WafField Field { get; } = field;

    public TextTransformationType[] Chain { get; } = chain;

    public int Slot { get; } = slot;

    /// <summary>The field's values in <paramref name="request"/>, transformed (computed once per request).</summary>
    public string[] Values(WafRequest request)
    {
        if (request.Slots[Slot] is { } cached)
        {
            return cached;
        }
        var raw = new List<string>(4);
        Field.Extract(request, raw);
        var values = raw.Count == 0 ? [] : new string[raw.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = TextTransformer.Apply(raw[i], Chain);
        }
        request.Slots[Slot] = values;
        return values;
    }
}
