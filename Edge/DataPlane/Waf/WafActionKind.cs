namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>What a rule (or the web ACL's default) does with a request it matches.</summary>
public enum WafActionKind
{
    /// <summary>Let the request through; later rules are not evaluated.</summary>
    Allow,

    /// <summary>Refuse the request (403 <c>WAF_FILTERED</c> or the custom response).</summary>
    Block,

    /// <summary>Count the match and go on with the next rule.</summary>
    Count,
}
