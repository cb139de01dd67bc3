namespace OrleansGateway.Edge.Management.Audit;

/// <summary>The trail could not record a call (store unreachable, or the head kept moving).</summary>
public sealed class AuditAppendException(string message, Exception? innerException = null) : Exception(message, innerException);
