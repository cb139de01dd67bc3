namespace OrleansGateway.Edge.DataPlane.Waf.Fields;

/// <summary>The parts of a request a WAFv2 <c>FieldToMatch</c> can name (plus the core rule group's own).</summary>
internal enum FieldKind
{
    UriPath,
    QueryString,
    SingleHeader,
    SingleQueryArgument,
    AllQueryArguments,
    Body,
    JsonBody,
    Method,
    Headers,
    Cookies,

    /// <summary>
    /// The core rule group's view of a body: JSON keys and string values (each once) when the body is JSON, the
    /// values of a form body, else the body as a whole.
    /// </summary>
    BodyValues,
}
