using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Http;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// Authenticates every management call with SigV4 (service <c>apigateway</c>, any region, 15 minutes
/// of clock skew) against the admin key. On success it sets <see cref="ISigV4CallerFeature"/> and
/// leaves the body buffered and rewound, so handlers read it as if nothing had.
/// </summary>
internal sealed partial class ManagementSigV4Middleware(
    RequestDelegate next,
    IOptionsMonitor<AdminCredentialsOptions> adminCredentials,
    TimeProvider timeProvider,
    ILogger<ManagementSigV4Middleware> logger)
{
    /// <summary>The largest body accepted: the whole body is hashed, so it must be bounded.</summary>
    internal const long MaxBodyBytes = 8L * 1024 * 1024;

    private static readonly SigV4Verifier Verifier = new(new SigV4VerificationPolicy("apigateway", TimeSpan.FromMinutes(15)) { OtherServices = ["iam", "wafv2", "cloudtrail", "monitoring", "events", "config"] });

    public async Task InvokeAsync(HttpContext context)
    {
        // Reject what needs neither the body nor the secret first, so an unauthenticated client
        // cannot make the gateway buffer a large body.
        if (!Verifier.TryReadSignature(SigV4HttpRequest.Read(context), timeProvider.GetUtcNow(), out var signed, out var failure))
        {
            await RejectAsync(context, failure, signed: null);
            return;
        }

        var secret = FindAdminSecret(signed.AccessKeyId);
        if (secret is null)
        {
            await RejectAsync(context, SigV4Failure.UnknownAccessKey, signed);
            return;
        }

        var payloadHash = await SigV4HttpRequest.HashBufferedBodyAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (payloadHash is null)
        {
            Log.BodyTooLarge(logger, context.Request.Method, context.Request.Path, MaxBodyBytes);
            context.Features.Set(new SigV4Refusal("PayloadTooLargeException", signed.AccessKeyId, signed.Scope.Service, signed.Scope.Region));
            await AwsErrorResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLargeException", "Request Too Long");
            return;
        }

        var result = Verifier.VerifySignature(signed, secret, payloadHash);
        if (!result.Succeeded)
        {
            await RejectAsync(context, result.Failure, signed);
            return;
        }

        context.Features.Set<ISigV4CallerFeature>(new SigV4CallerFeature(result.Identity));
        await next(context);
    }

    private string? FindAdminSecret(string accessKeyId)
    {
        var admin = adminCredentials.CurrentValue;
        if (string.IsNullOrEmpty(admin.AccessKeyId) || string.IsNullOrEmpty(admin.SecretAccessKey))
        {
            Log.AdminCredentialsNotConfigured(logger);
            return null;
        }

        return string.Equals(admin.AccessKeyId, accessKeyId, StringComparison.Ordinal) ? admin.SecretAccessKey : null;
    }

    private Task RejectAsync(HttpContext context, SigV4Failure failure, SigV4SignedRequest? signed)
    {
        Log.Rejected(logger, context.Request.Method, context.Request.Path, failure.Kind, signed?.AccessKeyId);
        var errorType = failure.Kind switch
        {
            SigV4FailureKind.Missing => "MissingAuthenticationTokenException",
            SigV4FailureKind.Malformed => "IncompleteSignatureException",
            SigV4FailureKind.UnknownAccessKey => "UnrecognizedClientException",
            _ => "InvalidSignatureException",
        };
        // For the audit trail (ManagementRefusalAuditMiddleware): refusals are recorded too.
        context.Features.Set(new SigV4Refusal(errorType, signed?.AccessKeyId, signed?.Scope.Service, signed?.Scope.Region));
        return AwsErrorResponse.WriteAsync(context, StatusCodes.Status403Forbidden, errorType, failure.Message);
    }

    /// <summary>Log messages; they carry the access key id (not secret) but never a secret or signature.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information,
            Message = "Rejected management call {Method} {Path}: {FailureKind} (access key id {AccessKeyId}).")]
        public static partial void Rejected(ILogger logger, string method, PathString path, SigV4FailureKind failureKind, string? accessKeyId);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
            Message = "Management call rejected because no admin key is configured (Gateway:Admin:AccessKeyId and Gateway:Admin:SecretAccessKey).")]
        public static partial void AdminCredentialsNotConfigured(ILogger logger);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information,
            Message = "Rejected management call {Method} {Path}: body larger than {MaxBodyBytes} bytes.")]
        public static partial void BodyTooLarge(ILogger logger, string method, PathString path, long maxBodyBytes);
    }
}
