using OrleansGateway.Edge.DataPlane.GatewayResponses;

namespace OrleansGateway.Edge.DataPlane.Authorization;

/// <summary>
/// What an <see cref="IMethodAuthorizer"/> decided: either the caller is authenticated (with the
/// effect of the policy that came with it, if any), or the request is refused with a gateway response.
/// The resource policy is combined afterwards by <see cref="AuthorizationMiddleware"/>.
/// </summary>
public sealed record AuthorizationResult
{
    private AuthorizationResult() { }

    /// <summary>The principal, when authenticated.</summary>
    public AuthorizerPrincipal? Principal { get; private init; }

    /// <summary>
    /// For authorizers that return a policy (Lambda, IAM identity policies): its effect on this
    /// method's ARN. Token authorizers (JWT, Cognito) report <see cref="PolicyEffect.Allow"/>.
    /// </summary>
    public PolicyEffect Effect { get; private init; }

    /// <summary>The refusal, when not authenticated.</summary>
    public GatewayResponseType? Refusal { get; private init; }

    /// <summary>Replaces the refusal's default message (null keeps it).</summary>
    public string? Message { get; private init; }

    /// <summary>Extra response headers for the refusal (e.g. <c>WWW-Authenticate</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private init; } = [];

    /// <summary>True when the principal was cached edge-side or cluster-wide (for the access log and metrics).</summary>
    public bool FromCache { get; init; }

    /// <summary>The caller was authenticated; <paramref name="effect"/> is what its own policy says.</summary>
    public static AuthorizationResult Authenticated(AuthorizerPrincipal principal, PolicyEffect effect) =>
        new() { Principal = principal, Effect = effect };

    /// <summary>The request is refused with <paramref name="type"/>.</summary>
    public static AuthorizationResult Refused(GatewayResponseType type, string? message = null, IReadOnlyList<KeyValuePair<string, string>>? headers = null) =>
        new() { Refusal = type, Message = message, Headers = headers ?? [] };
}
