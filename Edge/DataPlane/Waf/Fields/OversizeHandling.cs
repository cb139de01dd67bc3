namespace OrleansGateway.Edge.DataPlane.Waf.Fields;

/// <summary>WAFv2 <c>OversizeHandling</c>: what a body (or headers, cookies) over the inspection limit does.</summary>
internal enum OversizeHandling
{
    /// <summary>Inspect what is within the limit.</summary>
    Continue,

    /// <summary>The statement matches without inspection.</summary>
    Match,

    /// <summary>The statement does not match, without inspection.</summary>
    NoMatch,
}
