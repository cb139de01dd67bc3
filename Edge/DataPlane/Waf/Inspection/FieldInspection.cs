using OrleansGateway.Edge.DataPlane.Waf.Detection;
using OrleansGateway.Edge.DataPlane.Waf.Fields;
using OrleansGateway.Edge.DataPlane.Waf.Transformations;

namespace OrleansGateway.Edge.DataPlane.Waf.Inspection;

/// <summary>
/// A field and the transformations applied to it before matching. The compiler gives every
/// distinct pair one <see cref="Slot"/>, so however many rules inspect "query arguments, URL
/// decoded and lowercased", the request's values are transformed once; and every distinct field
/// one <see cref="RawSlot"/>, so a field inspected under several chains is extracted once.
/// </summary>
internal sealed class FieldInspection(WafField field, TextTransformationType[] chain, int slot, int rawSlot)
{
    public WafField Field { get; } = field;

    public TextTransformationType[] Chain { get; } = chain;

    public int Slot { get; } = slot;

    public int RawSlot { get; } = rawSlot;

    /// <summary>
    /// How many detector statements inspect these values (set while compiling). With several, one search for
    /// every detector's plain signatures is cheaper than each detector's own; with one or two it is dearer.
    /// </summary>
    public int DetectorCount { get; set; }

    /// <summary>
    /// Another inspection of the same field whose chain gives the same result on every value of which only the
    /// case can change (<see cref="TextTransformer.AreTwins"/>), set while compiling: the core rules read a body
    /// both with and without white space compression, and this way its upper-case values are lowercased once.
    /// </summary>
    public FieldInspection? Twin { get; set; }

    /// <summary>The field's values in <paramref name="request"/>, transformed (computed once per request).</summary>
    public string[] Values(WafRequest request)
    {
        if (request.Slots[Slot] is { } cached)
        {
            return cached;
        }
        var raw = request.RawSlots[RawSlot];
        if (raw is null)
        {
            var extracted = new List<string>();
            Field.Extract(request, extracted);
            raw = extracted.Count == 0 ? [] : [.. extracted];
            request.RawSlots[RawSlot] = raw;
        }
        // Benign values usually come through every transformation unchanged: share the raw array
        // until the first value that changes.
        string[]? values = null;
        var twin = Twin is { } other ? request.Slots[other.Slot] : null;
        for (var i = 0; i < raw.Length; i++)
        {
            var transformed = twin is not null && TextTransformer.OnlyCaseCanChange(raw[i]) ? twin[i] : TextTransformer.Apply(raw[i], Chain);
            if (values is null && !ReferenceEquals(transformed, raw[i]))
            {
                values = new string[raw.Length];
                Array.Copy(raw, values, i);
            }
            if (values is not null)
            {
                values[i] = transformed;
            }
        }
        values ??= raw;
        request.Slots[Slot] = values;
        return values;
    }

    private const int SharedSearchThreshold = 3;

    /// <summary>The shapes of <see cref="Values"/> for the detectors (computed once per request).</summary>
    public ValueShape[] Shapes(WafRequest request)
    {
        var all = request.SlotShapes ??= new ValueShape[]?[request.Slots.Length];
        if (all[Slot] is { } cached)
        {
            return cached;
        }
        var values = Values(request);
        var shapes = values.Length == 0 ? [] : new ValueShape[values.Length];
        var sharedSearch = DetectorCount >= SharedSearchThreshold;
        for (var i = 0; i < values.Length; i++)
        {
            shapes[i] = sharedSearch ? PlainSignatures.ShapeOf(values[i]) : PlainValue.ShapeOf(values[i]);
        }
        all[Slot] = shapes;
        return shapes;
    }
}
