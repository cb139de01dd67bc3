using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.DataPlane.Authorization.Lambda;
using OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Edge.WebSockets.Connections;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Authorization;

/// <summary>
/// Authorizes a <c>$connect</c>: <c>CUSTOM</c> calls the route's REQUEST authorizer through the REST
/// side's function client (same function URLs, timeouts and circuit breaker, reached through the cache) and evaluates the
/// returned policy for <c>execute-api:Invoke</c> on <c>{apiId}/{stage}/$connect</c>; <c>AWS_IAM</c>
/// verifies the upgrade request's SigV4 signature and the caller's identity policies.
/// Missing identity → 401, denied → 403, authorizer failure → 500, as API Gateway answers the handshake.
/// Results go through the REST side's cluster-wide <see cref="AuthorizerResultCache"/> (keyed by the
/// identity sources' values, held for <c>authorizerResultTtlInSeconds</c>): the cluster calls the
/// function once per identity per TTL, and the policy is evaluated for each connect, hits included.
/// </summary>
internal sealed partial class ConnectAuthorizer(
    AuthorizerResultCache cache,
    ConnectionsCallerAuthorizer iam,
    IOptions<LambdaAuthorizerOptions> lambdaOptions,
    IOptions<GatewayOptions> gateway,
    TimeProvider clock,
    ILogger<ConnectAuthorizer> logger)
{
    private const string InvokeAction = "execute-api:Invoke";

    private readonly ConditionalWeakTable<AuthorizerDefinition, CompiledLambdaAuthorizer> _compiled = new();

    /// <summary>Authorizes the upgrade in <paramref name="context"/> for the <c>$connect</c> route.</summary>
    public async Task<ConnectAuthorization> AuthorizeAsync(
        HttpContext context, CompiledWebSocketStage stage, WebSocketRoute route, WebSocketConnectionInfo info, string requestId, CancellationToken cancellationToken)
    {
        var methodArn = $"arn:aws:execute-api:{gateway.Value.Region}:{gateway.Value.AccountId}:{info.ApiId}/{info.Stage}/$connect";
        switch (route.AuthorizationType)
        {
            case "AWS_IAM":
                return await iam.IsAllowedAsync(context, InvokeAction, methodArn, [])
                    ? ConnectAuthorization.Allow(null)
                    : ConnectAuthorization.Refuse(StatusCodes.Status403Forbidden);
            case "CUSTOM":
                break;
            default:
                return ConnectAuthorization.Allow(null);
        }

        if (route.AuthorizerId is null || stage.Authorizers.GetValueOrDefault(route.AuthorizerId) is not { } definition)
        {
            return ConnectAuthorization.Refuse(StatusCodes.Status500InternalServerError);
        }
        var authorizer = _compiled.GetValue(definition, Compile);
        if (authorizer.Problem is not null)
        {
            Log.Misconfigured(logger, info.ApiId, definition.Id, authorizer.Problem);
            return ConnectAuthorization.Refuse(StatusCodes.Status500InternalServerError);
        }
        var identityValues = IdentityValues(context, authorizer, out var missingIdentity);
        if (missingIdentity)
        {
            return ConnectAuthorization.Refuse(StatusCodes.Status401Unauthorized);
        }
        var lookup = await cache.GetAsync(authorizer, info.ApiId, identityValues,
            () => WriteEvent(context, info, requestId, methodArn), cancellationToken);
        if (lookup.Lease is not { } lease)
        {
            return ConnectAuthorization.Refuse(lookup.Refusal == GatewayResponseType.Unauthorized
                ? StatusCodes.Status401Unauthorized
                : StatusCodes.Status500InternalServerError);
        }
        var result = lease.Result;
        var effect = lease.Policy is null
            ? PolicyEffect.NotMatched
            : lease.Policy.Evaluate(new PolicyRequest(InvokeAction, methodArn, null, null, new RequestConditionValues(context, null, clock.GetUtcNow())));
        return effect == PolicyEffect.Allow
            ? ConnectAuthorization.Allow(ContextJson(result.PrincipalId, result.Context), result.UsageIdentifierKey)
            : ConnectAuthorization.Refuse(StatusCodes.Status403Forbidden);
    }

    /// <summary>The identity sources' values (the cache key); missing when any is empty, as API Gateway refuses those without calling.</summary>
    private static string[] IdentityValues(HttpContext context, CompiledLambdaAuthorizer authorizer, out bool missingIdentity)
    {
        missingIdentity = false;
        var values = new string[authorizer.Sources.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var source = authorizer.Sources[i];
            values[i] = source.Kind switch
            {
                IdentitySourceKind.Header => context.Request.Headers[source.Name].ToString(),
                IdentitySourceKind.QueryString => context.Request.Query[source.Name].ToString(),
                _ => string.Empty,
            };
            missingIdentity |= values[i].Length == 0;
        }
        return values;
    }

    /// <summary>WebSocket identity sources say <c>route.request.*</c> where the shared compiler reads <c>method.request.*</c>.</summary>
    private CompiledLambdaAuthorizer Compile(AuthorizerDefinition definition) =>
        CompiledLambdaAuthorizer.Compile(
            definition with { IdentitySource = definition.IdentitySource?.Replace("route.request.", "method.request.", StringComparison.Ordinal) },
            lambdaOptions.Value);

    /// <summary>The REQUEST authorizer event for a WebSocket <c>$connect</c> (headers, query string, request context).</summary>
    private static byte[] WriteEvent(HttpContext context, WebSocketConnectionInfo info, string requestId, string methodArn)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "REQUEST");
            json.WriteString("methodArn", methodArn);
            json.WriteStartObject("headers");
            foreach (var header in context.Request.Headers)
            {
                json.WriteString(header.Key, header.Value.ToString());
            }
            json.WriteEndObject();
            json.WriteStartObject("queryStringParameters");
            foreach (var parameter in context.Request.Query)
            {
                json.WriteString(parameter.Key, parameter.Value.ToString());
            }
            json.WriteEndObject();
            json.WriteStartObject("requestContext");
            json.WriteString("routeKey", "$connect");
            json.WriteString("eventType", "CONNECT");
            json.WriteString("extendedRequestId", requestId);
            json.WriteString("requestId", requestId);
            json.WriteString("messageDirection", "IN");
            json.WriteString("stage", info.Stage);
            json.WriteNumber("connectedAt", info.ConnectedAt.ToUnixTimeMilliseconds());
            json.WriteString("domainName", info.DomainName);
            json.WriteString("connectionId", info.ConnectionId);
            json.WriteString("apiId", info.ApiId);
            json.WriteStartObject("identity");
            json.WriteString("sourceIp", info.SourceIp);
            if (info.UserAgent is not null)
            {
                json.WriteString("userAgent", info.UserAgent);
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>$context.authorizer</c>: the principal id and the authorizer's context values.</summary>
    private static string ContextJson(string? principalId, IReadOnlyDictionary<string, string> values)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (principalId is not null)
            {
                json.WriteString("principalId", principalId);
            }
            foreach (var (key, value) in values)
            {
                json.WriteString(key, value);
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static partial class Log
    {
        [LoggerMessage(6151, LogLevel.Warning, "WebSocket API {ApiId}: authorizer {AuthorizerId} cannot be used ({Problem})")]
        public static partial void Misconfigured(ILogger logger, string apiId, string authorizerId, string problem);
    }
}
