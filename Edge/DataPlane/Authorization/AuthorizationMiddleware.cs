using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Authorization;

/// <summary>
/// Step 3–4 of API Gateway's pipeline: authenticates the caller with the method's authorizer and
/// combines what it returns with the API's resource policy, using API Gateway's outcome table per
/// authorization type (reference §4). An explicit deny always wins. Methods without authorization
/// and without a resource policy pass straight through.
/// </summary>
internal sealed partial class AuthorizationMiddleware
{
    private const string ExplicitDenySuffix = " with an explicit deny";

    private readonly RequestDelegate _next;
    private readonly IMethodAuthorizer[] _authorizers;
    private readonly string _region;
    private readonly string _accountId;
    private readonly ILogger<AuthorizationMiddleware> _logger;

    public AuthorizationMiddleware(
        RequestDelegate next, IEnumerable<IMethodAuthorizer> authorizers, IOptions<GatewayOptions> options, ILogger<AuthorizationMiddleware> logger)
    {
        _next = next;
        _authorizers = [.. authorizers];
        _region = options.Value.Region;
        _accountId = options.Value.AccountId;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Features.GetRequiredFeature<ExecuteApiRequest>();
        var stage = request.Stage!;
        var authorizationType = request.Method!.Definition.AuthorizationType;
        var policy = stage.ResourcePolicy;
        if (policy is null && string.Equals(authorizationType, "NONE", StringComparison.Ordinal))
        {
            return _next(context);
        }
        return AuthorizeAsync(context, request, authorizationType, policy);
    }

    private async Task AuthorizeAsync(HttpContext context, ExecuteApiRequest request, string authorizationType, IResourcePolicy? policy)
    {
        var arn = MethodArn.For(_region, _accountId, request, context.Request.Method, context.Request.Path.Value ?? "/");
        if (arn.Length > MethodArn.MaxLength)
        {
            await context.WriteGatewayResponseAsync(GatewayResponseType.RequestUriTooLong);
            return;
        }

        if (string.Equals(authorizationType, "NONE", StringComparison.Ordinal))
        {
            // No authorizer: the resource policy alone decides, and it needs an explicit Allow.
            var alone = policy!.Evaluate(context, request, arn, null);
            if (alone != PolicyEffect.Allow)
            {
                await DenyAsync(context, AnonymousDenial(arn, alone));
                return;
            }
            await _next(context);
            return;
        }

        AuthorizerDefinition? authorizer = null;
        if (!string.Equals(authorizationType, "AWS_IAM", StringComparison.Ordinal))
        {
            var reference = request.Method!.Definition.AuthorizerId;
            if (reference is null || !request.Stage!.Authorizers.TryGetValue(reference, out authorizer))
            {
                Log.AuthorizerMissing(_logger, request.ApiId, request.StageName, request.ResourcePath, reference ?? "(none)");
                await context.WriteGatewayResponseAsync(GatewayResponseType.AuthorizerConfigurationError);
                return;
            }
        }
        var handler = Array.Find(_authorizers, a => a.Handles(authorizationType, authorizer));
        if (handler is null)
        {
            Log.NoHandler(_logger, request.ApiId, request.StageName, authorizationType, authorizer?.Type ?? "-");
            await context.WriteGatewayResponseAsync(GatewayResponseType.AuthorizerConfigurationError);
            return;
        }

        var isCustom = string.Equals(authorizationType, "CUSTOM", StringComparison.Ordinal);
        if (isCustom && policy?.Evaluate(context, request, arn, null) == PolicyEffect.ExplicitDeny)
        {
            // Phase 1: an explicit deny in the resource policy refuses before the authorizer is called.
            await DenyAsync(context, AnonymousDenial(arn, PolicyEffect.ExplicitDeny));
            return;
        }

        var result = await handler.AuthorizeAsync(new AuthorizationRequest(context, request, authorizer, arn), context.RequestAborted);
        if (result.Refusal is { } refusal)
        {
            await context.WriteGatewayResponseAsync(refusal, result.Message, static (headers, extra) =>
            {
                foreach (var (name, value) in extra)
                {
                    headers.Append(name, value);
                }
            }, result.Headers);
            return;
        }

        var principal = result.Principal!;
        var denial = Combine(context, request, arn, authorizationType, result.Effect, principal, policy);
        if (denial is not null)
        {
            await DenyAsync(context, denial);
            return;
        }
        request.Authorizer = principal;
        await _next(context);
    }

    /// <summary>Null when allowed; otherwise the ACCESS_DENIED message. Reference §4, tables A and B.</summary>
    private string? Combine(
        HttpContext context, ExecuteApiRequest request, string arn, string authorizationType, PolicyEffect own, AuthorizerPrincipal principal, IResourcePolicy? policy)
    {
        var caller = principal.Caller;
        var isIam = caller is not null;
        var resource = policy?.Evaluate(context, request, arn, caller) ?? PolicyEffect.NotMatched;
        var subject = isIam ? caller!.UserArn : "anonymous";

        if (own == PolicyEffect.ExplicitDeny || resource == PolicyEffect.ExplicitDeny)
        {
            return isIam || policy is not null
                ? $"User: {subject} is not authorized to perform: execute-api:Invoke on resource: {arn}{ExplicitDenySuffix}"
                : "User is not authorized to access this resource" + ExplicitDenySuffix;
        }
        var tokenOnly = authorizationType is "COGNITO_USER_POOLS" or "JWT";
        bool allowed;
        if (policy is null)
        {
            allowed = own == PolicyEffect.Allow;
        }
        else if (tokenOnly)
        {
            // Cognito: the token authenticates; the resource policy is then evaluated alone.
            allowed = resource == PolicyEffect.Allow;
        }
        else if (isIam && !string.Equals(caller!.AccountId, _accountId, StringComparison.Ordinal))
        {
            // Table B (cross-account): both must allow.
            allowed = own == PolicyEffect.Allow && resource == PolicyEffect.Allow;
        }
        else
        {
            // Table A (same account): either allows.
            allowed = own == PolicyEffect.Allow || resource == PolicyEffect.Allow;
        }
        if (allowed)
        {
            return null;
        }
        return isIam || policy is not null
            ? $"User: {subject} is not authorized to perform: execute-api:Invoke on resource: {arn}"
            : "User is not authorized to access this resource";
    }

    private static string AnonymousDenial(string arn, PolicyEffect effect) =>
        $"User: anonymous is not authorized to perform: execute-api:Invoke on resource: {arn}"
        + (effect == PolicyEffect.ExplicitDeny ? ExplicitDenySuffix : "");

    private static Task DenyAsync(HttpContext context, string message) =>
        context.WriteGatewayResponseAsync(GatewayResponseType.AccessDenied, message, static (_, _) => { }, 0);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName}: method on {ResourcePath} names authorizer {Authorizer}, which the deployment lacks")]
        public static partial void AuthorizerMissing(ILogger logger, string apiId, string stageName, string resourcePath, string authorizer);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName}: no authorizer implementation for authorization type {AuthorizationType} / authorizer type {AuthorizerType}")]
        public static partial void NoHandler(ILogger logger, string apiId, string stageName, string authorizationType, string authorizerType);
    }
}
