namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>
/// A web ACL (or rule group) the engine cannot compile: invalid or unsupported. The message says
/// which rule and field, fit for a <c>WAFInvalidParameterException</c>.
/// </summary>
public sealed class WafDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WafDefinitionException()
    {
    }

    /// <summary>Creates the exception with a message that names the rule and field.</summary>
    public WafDefinitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parse error behind it.</summary>
    public WafDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
