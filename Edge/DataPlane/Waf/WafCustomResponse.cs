namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>
/// A Block action's <c>CustomResponse</c>, resolved at compile time: status, body (from the web
/// ACL's <c>CustomResponseBodies</c>) and headers (already prefixed <c>x-amzn-waf-</c> as WAFv2 does).
/// </summary>
public sealed record WafCustomResponse(int StatusCode, string? ContentType, byte[]? Body, IReadOnlyList<KeyValuePair<string, string>> Headers);
