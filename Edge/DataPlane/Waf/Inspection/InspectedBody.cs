namespace OrleansGateway.Edge.DataPlane.Waf.Inspection;

/// <summary>The first bytes of a request body, read for inspection, and what is known of the whole.</summary>
/// <param name="Bytes">Up to the inspection limit.</param>
/// <param name="Length">The whole body's declared length, else the bytes read.</param>
/// <param name="Oversize">True when the body is longer than the limit.</param>
internal readonly record struct InspectedBody(ReadOnlyMemory<byte> Bytes, long Length, bool Oversize)
{
    public static InspectedBody None => new(ReadOnlyMemory<byte>.Empty, 0, false);
}
