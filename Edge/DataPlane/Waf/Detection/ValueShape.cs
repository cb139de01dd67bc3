namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>
/// What the detectors' shortcuts need to know about a transformed value, worked out once per value and shared by
/// every core rule that inspects it (see <see cref="PlainValue"/>).
/// </summary>
internal enum ValueShape : byte
{
    /// <summary>Not plain: the detectors run their full checks.</summary>
    Other = 0,

    /// <summary>Plain; each detector searches its own plain signatures.</summary>
    Plain = 1,

    /// <summary>Plain and holding no plain signature of any detector: only the checks that need none are left.</summary>
    PlainWithoutSignature = 2,
}
