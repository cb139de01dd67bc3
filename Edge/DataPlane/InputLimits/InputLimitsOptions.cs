namespace OrleansGateway.Edge.DataPlane.InputLimits;

/// <summary>
/// Bounds on what a data-plane request may look like before anything behind the edge sees it,
/// bound from <c>Gateway:DataPlane:InputLimits</c>. The JSON nesting limit is
/// <c>Gateway:DataPlane:MaxJsonDepth</c>, shared with request validation.
/// </summary>
public sealed class InputLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway:DataPlane:InputLimits";

    /// <summary>Longest raw query string (after <c>?</c>); longer answers 414 (CloudFront's edge limit is 8 KB).</summary>
    public int MaxQueryStringBytes { get; set; } = 8 * 1024;

    /// <summary>Most <c>&amp;</c>-separated query parameters; more answers 400.</summary>
    public int MaxQueryParameters { get; set; } = 512;

    /// <summary>Longest single raw query parameter (<c>name=value</c>); longer answers 400.</summary>
    public int MaxQueryParameterBytes { get; set; } = 4 * 1024;

    /// <summary>Most path segments; more answers 414.</summary>
    public int MaxPathSegments { get; set; } = 128;

    /// <summary>Longest raw path segment; longer answers 414.</summary>
    public int MaxPathSegmentBytes { get; set; } = 1024;

    /// <summary>Kestrel's <c>MaxRequestHeaderCount</c> for every listener; more answers 431 (from Kestrel, no body).</summary>
    public int MaxHeaderCount { get; set; } = 100;

    /// <summary>Kestrel's <c>MaxRequestHeadersTotalSize</c> (names and values); more answers 431 (from Kestrel, no body).</summary>
    public int MaxHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Kestrel's <c>MaxRequestLineSize</c>; a longer request line answers 414 from Kestrel with no body.
    /// Above the gateway's own 10,240-character URL limit so that one answers with a JSON body first.
    /// </summary>
    public int MaxRequestLineBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Refuse a bare LF as an HTTP/1.1 line terminator (Kestrel accepts it by default): a proxy in
    /// front of the edge may read the same bytes as one header where Kestrel reads two.
    /// </summary>
    public bool RejectBareLineFeeds { get; set; } = true;

    /// <summary>
    /// Refuse a body declared as JSON (<c>application/json</c>, <c>application/*+json</c>) that is
    /// not one well-formed JSON value in UTF-8 within the depth limit. A stage tagged
    /// <c>gateway:jsonBodyCheck=off</c> forwards such bodies, as API Gateway does without a validator.
    /// </summary>
    public bool CheckJsonBodies { get; set; } = true;

    /// <summary>
    /// Read a chunked body to its end before the integration is called, so a body with broken
    /// chunk framing is refused and never half-forwarded (memory up to 64 KB, then a temp file).
    /// </summary>
    public bool BufferChunkedBodies { get; set; } = true;

    /// <summary>
    /// After a chunked body over the size limit was refused, how long the edge goes on reading (and
    /// dropping, at most one more limit's worth) what the client still sends before it closes, so the
    /// client reads the 413 rather than a connection reset.
    /// </summary>
    public TimeSpan LingerAfterRefusal { get; set; } = TimeSpan.FromSeconds(2);
}
