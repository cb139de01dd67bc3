using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>
/// CUSTOM authorization with a TOKEN or REQUEST authorizer (reference §3.1, §3.2): checks the
/// identity sources (401 without a call when one is missing or the token fails the validation
/// regex), gets the function's answer through the cluster-wide <see cref="AuthorizerResultCache"/>,
/// and evaluates the answer's policy against this request's method ARN — on cache hits too.
/// </summary>
internal sealed partial class LambdaMethodAuthorizer : IMethodAuthorizer
{
    private const string InvokeAction = "execute-api:Invoke";

    private static readonly AuthorizationResult Unauthorized = AuthorizationResult.Refused(GatewayResponseType.Unauthorized);
    private static readonly AuthorizationResult ConfigurationError = AuthorizationResult.Refused(GatewayResponseType.AuthorizerConfigurationError);

    private readonly AuthorizerResultCache _cache;
    private readonly LambdaAuthorizerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<LambdaMethodAuthorizer> _logger;
    // Compiled once per deployed definition; definitions are immutable and dropped with their deployment, so a weak table does not leak.
    private readonly ConditionalWeakTable<AuthorizerDefinition, CompiledLambdaAuthorizer> _compiled = [];
    // Held in a field so the per-request lookup does not allocate a closure.
    private readonly ConditionalWeakTable<AuthorizerDefinition, CompiledLambdaAuthorizer>.CreateValueCallback _compile;

    public LambdaMethodAuthorizer(AuthorizerResultCache cache, IOptions<LambdaAuthorizerOptions> options, TimeProvider clock, ILogger<LambdaMethodAuthorizer> logger)
    {
        _cache = cache;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _compile = definition =>
        {
            var compiled = CompiledLambdaAuthorizer.Compile(definition, _options);
            if (compiled.Problem is not null)
            {
                // Logged once per deployed definition, not per request.
                Log.Misconfigured(_logger, definition.Name, definition.Id, compiled.Problem);
            }
            return compiled;
        };
    }

    public bool Handles(string authorizationType, AuthorizerDefinition? authorizer) =>
        string.Equals(authorizationType, "CUSTOM", StringComparison.Ordinal)
        && authorizer is not null
        && (string.Equals(authorizer.Type, AuthorizerDefinition.Token, StringComparison.Ordinal)
            || string.Equals(authorizer.Type, AuthorizerDefinition.Request, StringComparison.Ordinal));

    public async ValueTask<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        var authorizer = _compiled.GetValue(request.Authorizer!, _compile);
        if (authorizer.Problem is not null)
        {
            return ConfigurationError;
        }
        var values = ReadIdentity(authorizer, request);
        if (values is null)
        {
            return Unauthorized;
        }

        var lookup = await _cache.GetAsync(authorizer, request, values);
        if (lookup.Lease is not { } lease)
        {
            return lookup.Refusal == GatewayResponseType.Unauthorized ? Unauthorized : AuthorizationResult.Refused(lookup.Refusal);
        }
        if (lease.Result.IsAuthorized is { } isAuthorized)
        {
            // Payload 2.0 simple response: HTTP APIs answer a plain 403 Forbidden.
            return isAuthorized
                ? AuthorizationResult.Authenticated(lease.Principal, PolicyEffect.Allow) with { FromCache = lookup.FromCache }
                : AuthorizationResult.Refused(GatewayResponseType.AccessDenied, "Forbidden");
        }
        var effect = lease.Policy!.Evaluate(new PolicyRequest(InvokeAction, request.MethodArn, null, null, new RequestConditionValues(request.Context, null, _clock.GetUtcNow())));
        return AuthorizationResult.Authenticated(lease.Principal, effect) with { FromCache = lookup.FromCache };
    }

    /// <summary>The identity-source values, or null when the request must be refused 401 without a call.</summary>
    internal static string[]? ReadIdentity(CompiledLambdaAuthorizer authorizer, AuthorizationRequest request)
    {
        var sources = authorizer.Sources;
        var values = new string[sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            var value = sources[i].Read(request.Context, request.Request);
            if (string.IsNullOrEmpty(value))
            {
                // TOKEN always needs its header; REQUEST needs every source when caching is on (they form the cache key).
                if (authorizer.IsToken || authorizer.Ttl > TimeSpan.Zero || authorizer.IsPayloadV2)
                {
                    return null;
                }
                value = string.Empty;
            }
            values[i] = value;
        }
        if (authorizer.Validation is { } regex && !Matches(regex, values[0]))
        {
            return null;
        }
        return values;
    }

    private static bool Matches(Regex regex, string token)
    {
        try
        {
            return regex.IsMatch(token);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Authorizer {Authorizer} ({AuthorizerId}) cannot be used; its methods answer 500: {Problem}")]
        public static partial void Misconfigured(ILogger logger, string authorizer, string authorizerId, string problem);
    }
}
