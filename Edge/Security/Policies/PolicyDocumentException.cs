namespace OrleansGateway.Edge.Security.Policies;

/// <summary>
/// A policy document that cannot be used: bad JSON, unknown fields, a bad effect, a bad CIDR, an
/// unknown condition operator, or one that is too long, too deep or has too many statements.
/// <see cref="Exception.Message"/> names the problem and where it is, fit for a 400 response.
/// </summary>
public sealed class PolicyDocumentException : Exception
{
    /// <summary>Creates the exception with a message fit for a client.</summary>
    public PolicyDocumentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message fit for a client and the underlying cause.</summary>
    public PolicyDocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PolicyDocumentException()
        : base("Invalid policy document")
    {
    }
}
