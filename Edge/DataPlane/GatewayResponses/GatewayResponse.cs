using System.Text;
using System.Text.Json;

namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>One gateway response: what the caller sees for one <see cref="GatewayResponseType"/>.</summary>
/// <param name="Type">The response type.</param>
/// <param name="StatusCode">HTTP status sent to the caller.</param>
/// <param name="Message">The <c>message</c> of the default body <c>{"message":"..."}</c>; null writes <c>{"message":null}</c> (AUTHORIZER_CONFIGURATION_ERROR).</param>
/// <param name="ErrorType">The <c>x-amzn-ErrorType</c> header value.</param>
public sealed record GatewayResponse(GatewayResponseType Type, int StatusCode, string? Message, string ErrorType)
{
    /// <summary>
    /// The body, serialised once when the table is built: writing an error on the request path is
    /// then a copy of bytes, not a JSON serialisation.
    /// </summary>
    public ReadOnlyMemory<byte> Body { get; } = BodyFor(Message);

    /// <summary>Customised headers (<c>gatewayresponse.header.X</c>), set after the defaults and before the caller's own (e.g. <c>Retry-After</c>).</summary>
    internal IReadOnlyList<(string Name, GatewayResponseValue Value)> Headers { get; init; } = [];

    /// <summary>Customised body templates; empty for the default body.</summary>
    internal IReadOnlyList<GatewayResponseTemplate> Templates { get; init; } = [];

    /// <summary>The default body template <c>{"message":$context.error.messageString}</c> for <paramref name="message"/>.</summary>
    public static byte[] BodyFor(string? message) => Encoding.UTF8.GetBytes(
        "{\"message\":" + (message is null ? "null" : JsonSerializer.Serialize(message)) + "}");
}
