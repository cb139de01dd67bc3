using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Authorizers;

/// <summary>
/// What API Gateway checks when an authorizer is created or updated: the type, the TTL range, the
/// shape of the identity source for the type, and the members each type requires. Pure, so create
/// and update check the finished authorizer the same way.
/// </summary>
public static class AuthorizerRules
{
    /// <summary>API Gateway's default quota of authorizers per API.</summary>
    public const int MaxAuthorizersPerApi = 10;

    /// <summary>Bound on names, URIs and other strings, so one authorizer stays small.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>Bound on provider ARNs and JWT audiences (API Gateway allows 50 audiences).</summary>
    public const int MaxListEntries = 50;

    /// <summary>Bound on the comma list of a REQUEST authorizer's identity sources.</summary>
    public const int MaxIdentitySources = 20;

    private const string HeaderSource = "method.request.header.";
    private const string QueryStringSource = "method.request.querystring.";
    private const string StageVariableSource = "stageVariables.";
    private const string ContextSource = "context.";

    /// <summary>The types accepted: API Gateway's three, plus JWT (HTTP API style) as an extension.</summary>
    public static IReadOnlyList<string> Types { get; } =
        [AuthorizerDefinition.Token, AuthorizerDefinition.Request, AuthorizerDefinition.CognitoUserPools, AuthorizerDefinition.Jwt];

    /// <summary>The type in its canonical spelling, or API Gateway's enum ValidationException.</summary>
    public static string ParseType(string? type, string inputName)
    {
        foreach (var candidate in Types)
        {
            if (string.Equals(candidate, type, StringComparison.Ordinal))
            {
                return candidate;
            }
        }
        throw new ManagementException(
            ManagementErrorType.Validation,
            $"1 validation error detected: Value '{type}' at '{inputName}.type' failed to satisfy constraint: " +
            $"Member must satisfy enum value set: [{string.Join(", ", Types)}]");
    }

    /// <summary>
    /// Fills the defaults API Gateway fills (the token header of Cognito/JWT authorizers) and throws
    /// a 400 <see cref="ManagementException"/> for the first rule <paramref name="authorizer"/> breaks.
    /// </summary>
    public static AuthorizerDefinition Validate(AuthorizerDefinition authorizer)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        if (string.IsNullOrWhiteSpace(authorizer.Name) || authorizer.Name.Length > MaxTextLength)
        {
            throw ManagementException.BadRequest($"Invalid authorizer name specified: a non-empty name of at most {MaxTextLength} characters is required");
        }
        ParseType(authorizer.Type, "createAuthorizerInput");
        if (authorizer.ResultTtlInSeconds is < 0 or > AuthorizerDefinition.MaxResultTtlInSeconds)
        {
            throw ManagementException.BadRequest(
                $"Invalid authorizer result TTL specified: {authorizer.ResultTtlInSeconds}. Must be between 0 and {AuthorizerDefinition.MaxResultTtlInSeconds} seconds");
        }
        EnsureBounded(authorizer.AuthorizerUri, "authorizerUri");
        EnsureBounded(authorizer.AuthorizerCredentials, "authorizerCredentials");
        EnsureBounded(authorizer.AuthType, "authType");
        EnsureBounded(authorizer.IdentitySource, "identitySource");
        EnsureBounded(authorizer.Issuer, "jwtConfiguration.issuer");
        EnsureList(authorizer.ProviderArns, "providerARNs");
        EnsureList(authorizer.Audiences, "jwtConfiguration.audience");
        EnsureValidationExpression(authorizer.IdentityValidationExpression);

        return authorizer.Type switch
        {
            AuthorizerDefinition.Token => ValidateToken(authorizer),
            AuthorizerDefinition.Request => ValidateRequest(authorizer),
            AuthorizerDefinition.CognitoUserPools => ValidateCognito(authorizer),
            _ => ValidateJwt(authorizer),
        };
    }

    private static AuthorizerDefinition ValidateToken(AuthorizerDefinition authorizer)
    {
        EnsureFunctionUri(authorizer);
        if (!IsHeaderSource(authorizer.IdentitySource))
        {
            throw ManagementException.BadRequest(
                $"Invalid identity source specified: '{authorizer.IdentitySource}'. A TOKEN authorizer takes exactly one method.request.header.{{name}}");
        }
        return authorizer;
    }

    private static AuthorizerDefinition ValidateRequest(AuthorizerDefinition authorizer)
    {
        EnsureFunctionUri(authorizer);
        if (string.IsNullOrWhiteSpace(authorizer.IdentitySource))
        {
            // As API Gateway: the cache is keyed by the identity sources, so caching needs at least one.
            if (authorizer.ResultTtlInSeconds > 0)
            {
                throw ManagementException.BadRequest("Identity source must be specified for a REQUEST authorizer when caching is enabled (authorizerResultTtlInSeconds > 0)");
            }
            return authorizer with { IdentitySource = null };
        }
        var sources = authorizer.IdentitySource.Split(',', StringSplitOptions.TrimEntries);
        if (sources.Length > MaxIdentitySources)
        {
            throw ManagementException.BadRequest($"Too many identity sources specified. Maximum allowed: {MaxIdentitySources}");
        }
        foreach (var source in sources)
        {
            // The HTTP API spellings ($request.header.X...) are accepted too, as imports accept them.
            var plain = source.StartsWith('$') ? source[1..] : source;
            if (!(IsHeaderSource(source) || HasName(source, QueryStringSource) || HasName(plain, StageVariableSource) || HasName(plain, ContextSource)
                || HasName(plain, "request.header.") || HasName(plain, "request.querystring.")))
            {
                throw ManagementException.BadRequest(
                    $"Invalid identity source specified: '{source}'. Must be method.request.header.{{name}}, method.request.querystring.{{name}}, stageVariables.{{name}} or context.{{name}}");
            }
        }
        if (authorizer.PayloadFormatVersion is not (null or "1.0" or "2.0"))
        {
            throw ManagementException.BadRequest($"Invalid authorizer payload format version specified: '{authorizer.PayloadFormatVersion}'. Must be 1.0 or 2.0");
        }
        if (authorizer.EnableSimpleResponses && authorizer.PayloadFormatVersion != "2.0")
        {
            throw ManagementException.BadRequest("Simple responses are only supported with authorizer payload format version 2.0");
        }
        return authorizer with { IdentitySource = string.Join(",", sources) };
    }

    private static AuthorizerDefinition ValidateCognito(AuthorizerDefinition authorizer)
    {
        if (authorizer.ProviderArns.Count == 0)
        {
            throw ManagementException.BadRequest("Provider ARNs must be specified for a COGNITO_USER_POOLS authorizer");
        }
        return WithTokenHeader(authorizer);
    }

    private static AuthorizerDefinition ValidateJwt(AuthorizerDefinition authorizer)
    {
        if (!Uri.TryCreate(authorizer.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("https" or "http"))
        {
            throw ManagementException.BadRequest("A JWT authorizer requires jwtConfiguration.issuer, an absolute http(s) URL");
        }
        return WithTokenHeader(authorizer);
    }

    private static AuthorizerDefinition WithTokenHeader(AuthorizerDefinition authorizer)
    {
        // API Gateway's console default; the token travels in one header.
        if (string.IsNullOrWhiteSpace(authorizer.IdentitySource))
        {
            return authorizer with { IdentitySource = HeaderSource + "Authorization" };
        }
        if (!IsHeaderSource(authorizer.IdentitySource))
        {
            throw ManagementException.BadRequest(
                $"Invalid identity source specified: '{authorizer.IdentitySource}'. A {authorizer.Type} authorizer reads the token from one method.request.header.{{name}}");
        }
        return authorizer;
    }

    private static void EnsureFunctionUri(AuthorizerDefinition authorizer)
    {
        var uri = authorizer.AuthorizerUri;
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw ManagementException.BadRequest($"Authorizer URI must be specified for a {authorizer.Type} authorizer");
        }
        var isHttp = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https";
        if (!isHttp && !uri.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw ManagementException.BadRequest($"Invalid authorizer URI specified: '{uri}'. Must be an http(s) URL or a Lambda invocation ARN");
        }
    }

    private static void EnsureValidationExpression(string? expression)
    {
        if (expression is null)
        {
            return;
        }
        EnsureBounded(expression, "identityValidationExpression");
        try
        {
            // Compiled only to reject a malformed pattern at the API rather than at the first request.
            _ = new Regex(expression, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            throw ManagementException.BadRequest($"Invalid identity validation expression specified: '{expression}' is not a valid regular expression");
        }
    }

    private static void EnsureBounded(string? value, string member)
    {
        if (value is { Length: > MaxTextLength })
        {
            throw ManagementException.BadRequest($"Invalid {member} specified: at most {MaxTextLength} characters are allowed");
        }
    }

    private static void EnsureList(IReadOnlyList<string> values, string member)
    {
        if (values.Count > MaxListEntries)
        {
            throw ManagementException.BadRequest($"Too many {member} specified. Maximum allowed: {MaxListEntries}");
        }
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw ManagementException.BadRequest($"Invalid {member} specified: entries must not be empty");
            }
            EnsureBounded(value, member);
        }
    }

    private static bool IsHeaderSource(string? source) => HasName(source, HeaderSource) && !source!.Contains(',', StringComparison.Ordinal);

    private static bool HasName(string? source, string prefix) =>
        source is not null
        && source.Length > prefix.Length
        && source.StartsWith(prefix, StringComparison.Ordinal)
        && !source.AsSpan(prefix.Length).ContainsAny(" \t\r\n");
}
