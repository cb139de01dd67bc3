using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Iam;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Edge.Security.SigV4;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Authorization.Iam;

/// <summary>
/// AWS_IAM methods: verifies the request's SigV4 signature (service <c>execute-api</c>, ±5 minutes,
/// header or presigned query) with the caller's secret from <see cref="IamCredentialCache"/>, then
/// evaluates the caller's identity policies for <c>execute-api:Invoke</c> on the method ARN.
/// Reference §3.5 gives the refusals.
/// </summary>
internal sealed partial class IamMethodAuthorizer : IMethodAuthorizer
{
    private const string InvokeAction = "execute-api:Invoke";

    private static readonly SigV4Verifier Verifier = new(new SigV4VerificationPolicy("execute-api", TimeSpan.FromMinutes(5)));
    private static readonly string EmptyPayloadHash = SigV4Verifier.HashPayload([]);

    private readonly IamCredentialCache _credentials;
    private readonly TimeProvider _time;
    private readonly long _maxBodyBytes;
    private readonly ILogger<IamMethodAuthorizer> _logger;

    public IamMethodAuthorizer(
        IamCredentialCache credentials, TimeProvider time, IOptions<DataPlaneListenerOptions> listener, ILogger<IamMethodAuthorizer> logger)
    {
        _credentials = credentials;
        _time = time;
        _maxBodyBytes = listener.Value.MaxRequestBodyBytes;
        _logger = logger;
    }

    public bool Handles(string authorizationType, AuthorizerDefinition? authorizer) =>
        string.Equals(authorizationType, "AWS_IAM", StringComparison.Ordinal);

    public async ValueTask<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        var context = request.Context;
        var now = _time.GetUtcNow();
        // Form, scope, service and time first: none of it needs the body or a secret.
        if (!Verifier.TryReadSignature(SigV4HttpRequest.Read(context), now, out var signed, out var failure))
        {
            return Refuse(request, failure, accessKeyId: null);
        }

        IamCallerCredentials? credentials;
        try
        {
            credentials = await _credentials.ResolveAsync(signed.AccessKeyId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LookupFailed(_logger, signed.AccessKeyId, e);
            return AuthorizationResult.Refused(GatewayResponseType.AuthorizerFailure);
        }
        if (credentials is not { Active: true })
        {
            return Refuse(request, SigV4Failure.UnknownAccessKey, signed.AccessKeyId);
        }

        string? payloadHash;
        try
        {
            payloadHash = HasNoBody(context)
                ? EmptyPayloadHash
                : await SigV4HttpRequest.HashBufferedBodyAsync(context.Request, _maxBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            payloadHash = null;
        }
        if (payloadHash is null)
        {
            return AuthorizationResult.Refused(GatewayResponseType.RequestTooLarge);
        }

        var verified = Verifier.VerifySignature(signed, credentials.Secret, payloadHash);
        if (!verified.Succeeded)
        {
            return Refuse(request, verified.Failure, signed.AccessKeyId);
        }

        var user = credentials.User;
        var caller = new IamCaller(credentials.AccessKeyId, AccountOf(user.Arn), user.UserId, user.UserId, user.Arn);
        var principal = new AuthorizerPrincipal { PrincipalId = user.UserId, Caller = caller };
        return AuthorizationResult.Authenticated(principal, Evaluate(credentials, request, now));
    }

    /// <summary>Identity policies combined as IAM does: any Deny wins, else any Allow, else not matched.</summary>
    private static PolicyEffect Evaluate(IamCallerCredentials credentials, AuthorizationRequest request, DateTimeOffset now)
    {
        if (credentials.Policies.Count == 0)
        {
            return PolicyEffect.NotMatched;
        }
        var user = credentials.User;
        var policyRequest = new PolicyRequest(InvokeAction, request.MethodArn, user.Arn, AccountOf(user.Arn), ConditionValues(request.Context, user.UserName, user.UserId, now));
        var effect = PolicyEffect.NotMatched;
        foreach (var policy in credentials.Policies)
        {
            var one = policy.Evaluate(policyRequest);
            if (one == PolicyEffect.ExplicitDeny)
            {
                return PolicyEffect.ExplicitDeny;
            }
            if (one == PolicyEffect.Allow)
            {
                effect = PolicyEffect.Allow;
            }
        }
        return effect;
    }

    private static Dictionary<string, IReadOnlyList<string>> ConditionValues(HttpContext context, string userName, string userId, DateTimeOffset now)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["aws:currenttime"] = [now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)],
            ["aws:epochtime"] = [now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["aws:username"] = [userName],
            ["aws:userid"] = [userId],
            ["aws:securetransport"] = [context.Request.IsHttps ? "true" : "false"],
        };
        if (context.Connection.RemoteIpAddress is { } ip)
        {
            values["aws:sourceip"] = [(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()];
        }
        if (context.Request.Headers.UserAgent.ToString() is { Length: > 0 } userAgent)
        {
            values["aws:useragent"] = [userAgent];
        }
        if (context.Features.Get<DataPlaneListener>()?.VpcEndpointId is { } vpce)
        {
            values["aws:sourcevpce"] = [vpce];
        }
        return values;
    }

    /// <summary>A request that carries no body: its payload hash is the empty string's, without buffering the body stream.</summary>
    private static bool HasNoBody(HttpContext context) =>
        context.Request.ContentLength == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false;

    private static string AccountOf(string userArn)
    {
        // arn:aws:iam::{account}:user/...
        var parts = userArn.Split(':', 6);
        return parts.Length > 4 ? parts[4] : string.Empty;
    }

    private AuthorizationResult Refuse(AuthorizationRequest request, SigV4Failure failure, string? accessKeyId)
    {
        Log.Refused(_logger, request.Request.ApiId, request.Request.StageName, failure.Kind, accessKeyId);
        return failure.Kind switch
        {
            SigV4FailureKind.Missing => AuthorizationResult.Refused(GatewayResponseType.MissingAuthenticationToken),
            _ => AuthorizationResult.Refused(GatewayResponseType.InvalidSignature, failure.Message),
        };
    }

    /// <summary>Log messages carry the access key id (not secret), never a secret or a signature.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 1411, Level = LogLevel.Information,
            Message = "API {ApiId} stage {StageName}: SigV4 refused ({FailureKind}, access key id {AccessKeyId})")]
        public static partial void Refused(ILogger logger, string apiId, string stageName, SigV4FailureKind failureKind, string? accessKeyId);

        [LoggerMessage(EventId = 1412, Level = LogLevel.Warning,
            Message = "IAM access key {AccessKeyId}: looking it up in the cluster failed")]
        public static partial void LookupFailed(ILogger logger, string accessKeyId, Exception exception);
    }
}
