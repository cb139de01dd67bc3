using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Grains.Interfaces.Authorizers;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>One authorizer call's outcome: a result to use (and cache), or a refusal (never cached).</summary>
internal sealed record AuthorizerCallOutcome(CachedAuthorizerResult? Result, GatewayResponseType Refusal, string? Why)
{
    public static AuthorizerCallOutcome Answered(CachedAuthorizerResult result) => new(result, default, null);

    /// <summary>The function said "Unauthorized": 401.</summary>
    public static readonly AuthorizerCallOutcome Unauthorized = new(null, GatewayResponseType.Unauthorized, null);

    /// <summary>The function answered something unusable: 500 <c>{"message":null}</c>.</summary>
    public static AuthorizerCallOutcome BadOutput(string why) => new(null, GatewayResponseType.AuthorizerConfigurationError, why);

    /// <summary>The call failed (timeout, connection, open breaker): 500 AUTHORIZER_FAILURE.</summary>
    public static AuthorizerCallOutcome Failed(string why) => new(null, GatewayResponseType.AuthorizerFailure, why);
}
