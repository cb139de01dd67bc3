using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Iam;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Edge.WebSockets.Connections;

/// <summary>
/// Who may call @connections: a SigV4 signature (service <c>execute-api</c>) by an active IAM
/// access key whose identity policies allow <c>execute-api:ManageConnections</c> on
/// <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/@connections/{connectionId}</c>.
/// Uses the same credential cache and policy evaluation as AWS_IAM methods on REST APIs.
/// </summary>
internal sealed partial class ConnectionsCallerAuthorizer(
    IamCredentialCache credentials, TimeProvider time, IOptions<GatewayOptions> gateway, ILogger<ConnectionsCallerAuthorizer> logger)
{
    private const string ManageConnections = "execute-api:ManageConnections";

    private static readonly SigV4Verifier Verifier = new(new SigV4VerificationPolicy("execute-api", TimeSpan.FromMinutes(5)));

    /// <summary>True when the caller may manage <paramref name="connectionId"/>; <paramref name="body"/> is the whole request body (already bounded).</summary>
    public ValueTask<bool> IsAllowedAsync(HttpContext context, string apiId, string stage, string connectionId, byte[] body)
    {
        var options = gateway.Value;
        var resource = $"arn:aws:execute-api:{options.Region}:{options.AccountId}:{apiId}/{stage}/{context.Request.Method}/@connections/{connectionId}";
        return IsAllowedAsync(context, ManageConnections, resource, body);
    }

    /// <summary>True when the request is SigV4-signed by an active key whose identity policies allow <paramref name="action"/> on <paramref name="resource"/>.</summary>
    public async ValueTask<bool> IsAllowedAsync(HttpContext context, string action, string resource, byte[] body)
    {
        var apiId = context.Request.Host.Host;
        var now = time.GetUtcNow();
        if (!Verifier.TryReadSignature(SigV4HttpRequest.Read(context), now, out var signed, out var failure))
        {
            Log.Refused(logger, apiId, failure.Kind.ToString());
            return false;
        }
        IamCallerCredentials? caller;
        try
        {
            caller = await credentials.ResolveAsync(signed.AccessKeyId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Refused(logger, apiId, "credential lookup failed");
            return false;
        }
        if (caller is not { Active: true })
        {
            Log.Refused(logger, apiId, "unknown access key");
            return false;
        }
        var verified = Verifier.VerifySignature(signed, caller.Secret, SigV4Verifier.HashPayload(body));
        if (!verified.Succeeded)
        {
            Log.Refused(logger, apiId, verified.Failure.Kind.ToString());
            return false;
        }
        var account = caller.User.Arn.Split(':', 6) is { Length: > 4 } parts ? parts[4] : string.Empty;
        var request = new PolicyRequest(action, resource, caller.User.Arn, account, new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["aws:username"] = [caller.User.UserName],
            ["aws:userid"] = [caller.User.UserId],
        });
        var allowed = false;
        foreach (var policy in caller.Policies)
        {
            var effect = policy.Evaluate(request);
            if (effect == PolicyEffect.ExplicitDeny)
            {
                return false;
            }
            allowed |= effect == PolicyEffect.Allow;
        }
        if (!allowed)
        {
            Log.Refused(logger, apiId, "no policy allows " + action);
        }
        return allowed;
    }

    private static partial class Log
    {
        [LoggerMessage(6131, LogLevel.Information, "SigV4 caller for {Host} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string host, string reason);
    }
}
