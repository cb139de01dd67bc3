using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>
/// Methods with authorization type <c>JWT</c> (HTTP API style, reference §3.3) or
/// <c>COGNITO_USER_POOLS</c> (REST, §3.4): a bearer token from the identity source, verified
/// against the issuer's JWKS, then audience, token use and the method's scopes. Validated tokens
/// are remembered edge-side so the steady state costs a SHA-256 and a cache lookup.
/// </summary>
internal sealed partial class JwtMethodAuthorizer : IMethodAuthorizer, IDisposable
{
    private const string BearerPrefix = "Bearer ";

    private readonly JwtTokenValidator _validator;
    private readonly JwtAuthorizerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<JwtMethodAuthorizer> _logger;
    private readonly MemoryCache _tokens;

    // Per deployed authorizer (definitions are immutable and shared by a compiled stage), computed once.
    private readonly ConditionalWeakTable<AuthorizerDefinition, CompiledAuthorizer> _compiled = [];

    public JwtMethodAuthorizer(JwtTokenValidator validator, IOptions<JwtAuthorizerOptions> options, TimeProvider time, ILogger<JwtMethodAuthorizer> logger)
    {
        _validator = validator;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _tokens = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.TokenCacheEntries });
    }

    public bool Handles(string authorizationType, AuthorizerDefinition? authorizer) =>
        authorizationType is AuthorizerDefinition.Jwt or AuthorizerDefinition.CognitoUserPools
        && authorizer?.Type is AuthorizerDefinition.Jwt or AuthorizerDefinition.CognitoUserPools;

    public async ValueTask<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        var authorizer = _compiled.GetValue(request.Authorizer!, definition => CompiledAuthorizer.From(definition, _options));
        if (authorizer.ConfigurationError is { } error)
        {
            Log.Misconfigured(_logger, request.Request.ApiId, authorizer.Definition.Name, error);
            return AuthorizationResult.Refused(GatewayResponseType.AuthorizerConfigurationError);
        }
        var token = ReadToken(request.Context, authorizer.HeaderName);
        if (token.Length == 0)
        {
            return authorizer.IsJwt
                ? AuthorizationResult.Refused(GatewayResponseType.Unauthorized, null, [new("WWW-Authenticate", "Bearer")])
                : AuthorizationResult.Refused(GatewayResponseType.Unauthorized);
        }
        if (token.Length > _options.MaxTokenLength)
        {
            return Invalid(authorizer, "the token is too large");
        }

        var key = CacheKey(authorizer.Profile, token);
        var fromCache = _tokens.TryGetValue(key, out ValidatedToken? validated);
        if (!fromCache)
        {
            var outcome = await _validator.ValidateAsync(token, authorizer.Issuers, cancellationToken);
            if (outcome.Token is null)
            {
                return Invalid(authorizer, outcome.Failure!);
            }
            validated = outcome.Token;
            Remember(key, validated);
        }
        return Authorize(authorizer, validated!, request.Request.Method!.Definition.AuthorizationScopes, fromCache);
    }

    private AuthorizationResult Authorize(CompiledAuthorizer authorizer, ValidatedToken token, IReadOnlyList<string> methodScopes, bool fromCache)
    {
        if (authorizer.IsJwt)
        {
            if (authorizer.Audiences.Count > 0
                && !token.Audiences.Any(authorizer.Audiences.Contains)
                && !(token.ClientId is { } clientId && authorizer.Audiences.Contains(clientId)))
            {
                return Invalid(authorizer, "the token does not have a valid audience");
            }
            if (methodScopes.Count > 0 && !token.Scopes.Any(methodScopes.Contains))
            {
                // HTTP APIs answer a valid token without a required scope with 403 Forbidden.
                return AuthorizationResult.Refused(GatewayResponseType.AccessDenied, "Forbidden",
                    [new("WWW-Authenticate", $"Bearer scope=\"{string.Join(' ', methodScopes)}\" error=\"insufficient_scope\" error_description=\"the token does not have the required scope\"")]);
            }
        }
        else
        {
            if (authorizer.AudiencePattern is { } pattern && !token.Audiences.Any(pattern.IsMatch))
            {
                return AuthorizationResult.Refused(GatewayResponseType.Unauthorized);
            }
            // No scopes on the method: an ID token (token_use id, or an aud). With scopes: an access token holding one.
            var allowed = methodScopes.Count == 0
                ? token.TokenUse == "id" || (token.TokenUse is null && token.Audiences.Count > 0)
                : token.TokenUse != "id" && token.Scopes.Any(methodScopes.Contains);
            if (!allowed)
            {
                return AuthorizationResult.Refused(GatewayResponseType.Unauthorized);
            }
        }
        var principal = new AuthorizerPrincipal { PrincipalId = token.Subject, Claims = token.Claims, Scopes = token.Scopes };
        return AuthorizationResult.Authenticated(principal, PolicyEffect.Allow) with { FromCache = fromCache };
    }

    private static AuthorizationResult Invalid(CompiledAuthorizer authorizer, string description) =>
        authorizer.IsJwt
            ? AuthorizationResult.Refused(GatewayResponseType.Unauthorized, null,
                [new("WWW-Authenticate", $"Bearer scope=\"\" error=\"invalid_token\" error_description=\"{description}\"")])
            : AuthorizationResult.Refused(GatewayResponseType.Unauthorized);

    private void Remember(string key, ValidatedToken token)
    {
        var until = token.ExpiresAt;
        var latest = _time.GetUtcNow() + _options.TokenCacheDuration;
        if (latest < until)
        {
            until = latest;
        }
        if (until <= _time.GetUtcNow())
        {
            return;
        }
        using var entry = _tokens.CreateEntry(key);
        entry.Value = token;
        entry.Size = 1;
        entry.AbsoluteExpiration = until;
    }

    /// <summary>The bearer token: the header's last value, with or without the <c>Bearer </c> scheme.</summary>
    private static string ReadToken(HttpContext context, string headerName)
    {
        var values = context.Request.Headers[headerName];
        var value = values.Count == 0 ? null : values[values.Count - 1];
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }
        var span = value.AsSpan().Trim();
        if (span.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            span = span[BearerPrefix.Length..].TrimStart();
        }
        return span.Length == value.Length ? value : span.ToString();
    }

    /// <summary>The authorizer's profile and the token's SHA-256: the token itself is never kept as a key.</summary>
    private static string CacheKey(string profile, string token)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(token.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(token, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, length), hash);
            return string.Concat(profile, Convert.ToBase64String(hash));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public void Dispose() => _tokens.Dispose();

    /// <summary>An authorizer definition resolved once: header, issuers, audience pattern, cache profile.</summary>
    private sealed class CompiledAuthorizer
    {
        public required AuthorizerDefinition Definition { get; init; }
        public required bool IsJwt { get; init; }
        public required string HeaderName { get; init; }
        public required IReadOnlyList<string> Issuers { get; init; }
        public required HashSet<string> Audiences { get; init; }
        public Regex? AudiencePattern { get; init; }
        public required string Profile { get; init; }
        public string? ConfigurationError { get; init; }

        public static CompiledAuthorizer From(AuthorizerDefinition definition, JwtAuthorizerOptions options)
        {
            var isJwt = definition.Type == AuthorizerDefinition.Jwt;
            string? error = null;
            var issuers = isJwt
                ? (string.IsNullOrEmpty(definition.Issuer) ? [] : new[] { definition.Issuer })
                : definition.ProviderArns.Select(arn => IssuerFor(arn, options)).OfType<string>().ToArray();
            if (issuers.Length == 0)
            {
                error = isJwt ? "no issuer" : "no usable providerARNs";
            }
            Regex? pattern = null;
            if (!isJwt && !string.IsNullOrEmpty(definition.IdentityValidationExpression))
            {
                try
                {
                    // Anchored: API Gateway matches the whole value.
                    pattern = new Regex($"^(?:{definition.IdentityValidationExpression})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException)
                {
                    error = "identityValidationExpression is not a valid regular expression";
                }
            }
            return new CompiledAuthorizer
            {
                Definition = definition,
                IsJwt = isJwt,
                HeaderName = HeaderFrom(definition.IdentitySource),
                Issuers = issuers,
                Audiences = new HashSet<string>(definition.Audiences, StringComparer.Ordinal),
                AudiencePattern = pattern,
                // Tokens are remembered per issuer set: the same token is validated afresh for another issuer.
                Profile = string.Join('\n', issuers) + "\n\n",
                ConfigurationError = error,
            };
        }

        /// <summary>An issuer URL as is; a Cognito user pool ARN through configuration or Amazon's issuer.</summary>
        private static string? IssuerFor(string providerArn, JwtAuthorizerOptions options)
        {
            if (providerArn.StartsWith("https://", StringComparison.Ordinal) || providerArn.StartsWith("http://", StringComparison.Ordinal))
            {
                return providerArn;
            }
            // arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}
            var parts = providerArn.Split(':');
            const string Pool = "userpool/";
            if (parts.Length != 6 || parts[2] != "cognito-idp" || !parts[5].StartsWith(Pool, StringComparison.Ordinal))
            {
                return null;
            }
            var poolId = parts[5][Pool.Length..];
            return options.UserPools.TryGetValue(poolId, out var issuer) ? issuer : $"https://cognito-idp.{parts[3]}.amazonaws.com/{poolId}";
        }

        /// <summary><c>method.request.header.X</c> or <c>$request.header.X</c> (the first header source); Authorization otherwise.</summary>
        private static string HeaderFrom(string? identitySource)
        {
            foreach (var source in (identitySource ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var prefix in (ReadOnlySpan<string>)["method.request.header.", "$request.header."])
                {
                    if (source.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && source.Length > prefix.Length)
                    {
                        return source[prefix.Length..];
                    }
                }
            }
            return "Authorization";
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "API {ApiId}: authorizer {Authorizer} cannot be used: {Problem}")]
        public static partial void Misconfigured(ILogger logger, string apiId, string authorizer, string problem);
    }
}
