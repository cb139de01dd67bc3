using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>
/// Checks a JWT's signature (against the issuer's JWKS, asymmetric algorithms only), issuer and
/// lifetime with <see cref="JsonWebTokenHandler"/>, and extracts what the per-method checks need.
/// Audience, token use and scopes depend on the authorizer and method and are checked by
/// <see cref="JwtMethodAuthorizer"/>.
/// </summary>
internal sealed partial class JwtTokenValidator
{
    /// <summary>
    /// RSA (PKCS#1 v1.5 and PSS) and ECDSA. Never <c>none</c> and never HMAC: a JWKS holds public
    /// keys, and accepting HS* would let anyone who has the public key forge tokens.
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private static readonly TimeSpan RefreshPollInterval = TimeSpan.FromMilliseconds(25);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, TokenValidationParameters> _parameters = new(StringComparer.Ordinal);
    private readonly IssuerMetadata _metadata;
    private readonly JwksRefresh _refresh;
    private readonly JwtAuthorizerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<JwtTokenValidator> _logger;

    public JwtTokenValidator(IssuerMetadata metadata, IOptions<JwtAuthorizerOptions> options, TimeProvider time, ILogger<JwtTokenValidator> logger)
    {
        _metadata = metadata;
        _options = options.Value;
        _refresh = new JwksRefresh(_options, time);
        _time = time;
        _logger = logger;
    }

    /// <summary>Validates <paramref name="token"/> as issued by one of <paramref name="issuers"/>.</summary>
    public async ValueTask<JwtValidationOutcome> ValidateAsync(string token, IReadOnlyList<string> issuers, CancellationToken cancellationToken)
    {
        if (token.Length > _options.MaxTokenLength)
        {
            return JwtValidationOutcome.Invalid("the token is too large");
        }
        var issuer = issuers.Count == 1 ? issuers[0] : UnverifiedIssuer(token, issuers);
        if (issuer is null)
        {
            return JwtValidationOutcome.Invalid("the token has an invalid issuer");
        }
        var parameters = ParametersFor(issuer);
        if (parameters is null)
        {
            return JwtValidationOutcome.Unavailable("the issuer is not an https URL");
        }
        try
        {
            // Fetched (or taken from cache) up front so an unreachable issuer is told apart from a bad token.
            await parameters.ConfigurationManager!.GetBaseConfigurationAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException)
        {
            Log.IssuerUnavailable(_logger, issuer, e.Message);
            return JwtValidationOutcome.Unavailable("unable to fetch the issuer's signing keys");
        }

        var result = await ValidateOnceAsync(token, parameters);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && _refresh.TryBegin(issuer))
        {
            // An unknown kid: the issuer may have rotated its keys. The library refreshes in the
            // background, so wait (bounded) until the new JWKS is in and the key is found or not.
            parameters.ConfigurationManager!.RequestRefresh();
            var started = _time.GetTimestamp();
            while (result.Exception is SecurityTokenSignatureKeyNotFoundException && _time.GetElapsedTime(started) < _options.MetadataTimeout * 2)
            {
                await Task.Delay(RefreshPollInterval, _time, cancellationToken);
                result = await ValidateOnceAsync(token, parameters);
            }
        }
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return JwtValidationOutcome.Invalid(Describe(result.Exception));
        }
        // The library also accepts the discovery document's own "issuer"; API Gateway wants exactly the configured one.
        if (!string.Equals(jwt.Issuer, issuer, StringComparison.Ordinal))
        {
            return JwtValidationOutcome.Invalid("the token has an invalid issuer");
        }
        if (!await IsPublishedAsync(jwt.SigningKey, parameters.ConfigurationManager!, cancellationToken))
        {
            return JwtValidationOutcome.Invalid("the token's signing key is no longer in the issuer's JWKS");
        }
        return Extract(jwt);
    }

    /// <summary>
    /// The library turns JWKS entries into RSA/EC keys and drops their labels; the JWK it came from
    /// (same kid) says what the key may verify (<see cref="JwkSigningRules"/>).
    /// </summary>
    private static bool KeyPermits(SecurityKey key, SecurityToken token, BaseConfiguration? configuration)
    {
        if (token is not JsonWebToken jwt)
        {
            return false;
        }
        if (key is JsonWebKey direct)
        {
            return JwkSigningRules.Permits(direct, jwt.Alg);
        }
        var published = (configuration as Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration)?.JsonWebKeySet?.Keys;
        if (published is null)
        {
            return true;
        }
        foreach (var jwk in published)
        {
            if (string.Equals(jwk.KeyId, key.KeyId, StringComparison.Ordinal) && !JwkSigningRules.Permits(jwk, jwt.Alg))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// True when the key that verified the token is in the issuer's current JWKS. The library can
    /// verify with a key it saw in an earlier JWKS (observed after a rotation); a key the issuer
    /// has withdrawn must stop working once the new JWKS is in.
    /// </summary>
    private static async Task<bool> IsPublishedAsync(SecurityKey? key, BaseConfigurationManager manager, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return false;
        }
        var configuration = await manager.GetBaseConfigurationAsync(cancellationToken);
        foreach (var published in configuration.SigningKeys)
        {
            if (ReferenceEquals(published, key)
                || (key.KeyId is not null && string.Equals(published.KeyId, key.KeyId, StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }

    private async Task<TokenValidationResult> ValidateOnceAsync(string token, TokenValidationParameters parameters)
    {
        try
        {
            return await _handler.ValidateTokenAsync(token, parameters);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or JsonException or FormatException or InvalidOperationException)
        {
            // The handler reports most failures in the result; this keeps any it throws a 401.
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenMalformedException("malformed", e) };
        }
    }

    private JwtValidationOutcome Extract(JsonWebToken jwt)
    {
        var now = _time.GetUtcNow();
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        if (payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            return JwtValidationOutcome.Invalid("the token is malformed");
        }
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] audiences = [];
        string[] scopes = [];
        foreach (var claim in payload.RootElement.EnumerateObject())
        {
            var value = claim.Value;
            claims[claim.Name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            switch (claim.Name)
            {
                case "iat" when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var iat)
                    && DateTimeOffset.FromUnixTimeMilliseconds((long)(iat * 1000)) > now + _options.ClockSkew:
                    return JwtValidationOutcome.Invalid("the token was issued in the future");
                case "aud":
                    audiences = Strings(value);
                    break;
                case "scope":
                case "scp" when scopes.Length == 0:
                    scopes = Strings(value).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
                    break;
            }
        }
        claims.TryGetValue("sub", out var subject);
        claims.TryGetValue("client_id", out var clientId);
        claims.TryGetValue("token_use", out var tokenUse);
        return JwtValidationOutcome.Valid(new ValidatedToken(
            claims, subject, audiences, clientId, tokenUse, scopes, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)));
    }

    private static string[] Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
        _ => [],
    };

    private TokenValidationParameters? ParametersFor(string issuer)
    {
        if (_parameters.TryGetValue(issuer, out var existing))
        {
            return existing;
        }
        var manager = _metadata.For(issuer);
        if (manager is null)
        {
            return null;
        }
        return _parameters.GetOrAdd(issuer, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateIssuer = true,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = _options.ClockSkew,
            ValidAlgorithms = AllowedAlgorithms,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeyValidatorUsingConfiguration = static (key, token, _, configuration) => KeyPermits(key, token, configuration),
            ConfigurationManager = manager,
            // The library reads the wall clock; the gateway's TimeProvider keeps tests on a fixed clock.
            LifetimeValidator = ValidateLifetime,
            LogValidationExceptions = false,
        });
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("no exp");
        }
        // Compared against now ± skew: the library passes DateTime.MinValue/MaxValue for absent claims.
        if (expires.Value < now - _options.ClockSkew)
        {
            throw new SecurityTokenExpiredException("expired") { Expires = expires.Value };
        }
        if (notBefore is { } nbf && nbf > now + _options.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("not yet valid") { NotBefore = nbf };
        }
        return true;
    }

    /// <summary>For an authorizer with several issuers (Cognito pools): the one the token claims, before any check.</summary>
    private static string? UnverifiedIssuer(string token, IReadOnlyList<string> issuers)
    {
        try
        {
            var claimed = new JsonWebToken(token).Issuer;
            foreach (var issuer in issuers)
            {
                if (string.Equals(issuer, claimed, StringComparison.Ordinal))
                {
                    return issuer;
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
        }
        return null;
    }

    private static string Describe(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiration",
        SecurityTokenInvalidIssuerException => "the token has an invalid issuer",
        SecurityTokenInvalidAlgorithmException => "the token's signing algorithm is not allowed",
        SecurityTokenSignatureKeyNotFoundException => "the token's signing key is not in the issuer's JWKS",
        SecurityTokenInvalidSignatureException => "the token's signature is invalid",
        SecurityTokenInvalidLifetimeException => "the token's lifetime is invalid",
        SecurityTokenMalformedException => "the token is malformed",
        ArgumentException => "the token is malformed",
        _ => "the token is invalid",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "JWT issuer {Issuer}: discovery or JWKS unavailable ({Reason}); tokens are refused until it answers")]
        public static partial void IssuerUnavailable(ILogger logger, string issuer, string reason);
    }
}
