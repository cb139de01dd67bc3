using System.Buffers.Text;
using System.Security.Cryptography;

namespace OrleansGateway.Edge.WebSockets.Connections;

/// <summary>Message ids in the style of API Gateway's (<c>$context.messageId</c>): short random URL-safe strings.</summary>
internal static class MessageIds
{
    /// <summary>A new id.</summary>
    public static string Next()
    {
        Span<byte> bytes = stackalloc byte[9];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
