namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>The document cannot be imported; the message names where and why (returned as 400 BadRequestException).</summary>
/// <remarks>Messages quote the document (path keys, values), so they are bounded: a hostile document cannot make the error response large.</remarks>
public sealed class OpenApiImportException(string message) : Exception(Bounded(message))
{
    /// <summary>The longest message kept; longer ones are cut with an ellipsis.</summary>
    public const int MaxMessageLength = 2000;

    private static string Bounded(string message) =>
        message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength - 1), "…");
}
