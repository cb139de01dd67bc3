namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>What <see cref="JwtTokenValidator"/> concluded about one token.</summary>
internal sealed record JwtValidationOutcome
{
    private JwtValidationOutcome() { }

    /// <summary>The token, when valid.</summary>
    public ValidatedToken? Token { get; private init; }

    /// <summary>Why the token was refused (for <c>WWW-Authenticate</c>'s <c>error_description</c>; never contains the token).</summary>
    public string? Failure { get; private init; }

    /// <summary>True when the issuer's discovery document or JWKS could not be fetched.</summary>
    public bool IssuerUnavailable { get; private init; }

    public static JwtValidationOutcome Valid(ValidatedToken token) => new() { Token = token };

    public static JwtValidationOutcome Invalid(string failure) => new() { Failure = failure };

    public static JwtValidationOutcome Unavailable(string failure) => new() { Failure = failure, IssuerUnavailable = true };
}
