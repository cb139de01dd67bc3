using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Security.Tls;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>
/// An access-log format compiled once per config: literal text and resolved <c>$context</c>
/// variables, so rendering a line is a walk over an array, with no parsing per request.
/// Missing values render as <c>-</c>, as in API Gateway.
/// </summary>
internal sealed class AccessLogFormat
{
    private const string Missing = "-";

    private static readonly string[] ResponseTypeNames =
        [.. Enum.GetValues<GatewayResponseType>().Select(type => ToUpperSnake(type.ToString()))];

    private readonly Part[] _parts;

    private AccessLogFormat(Part[] parts, string text)
    {
        _parts = parts;
        Text = text;
    }

    /// <summary>The format as configured.</summary>
    public string Text { get; }

    /// <summary>
    /// Compiles <paramref name="format"/>. Unknown variables (which UpdateStage refuses, so they only
    /// reach here from older stored stages) stay in the line as literal text.
    /// </summary>
    public static AccessLogFormat Parse(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var parts = new List<Part>();
        var position = 0;
        foreach (var variable in AccessLogVariables.Parse(format))
        {
            if (!AccessLogVariables.IsKnown(variable.Name))
            {
                continue;
            }
            if (variable.Start > position)
            {
                parts.Add(new Part(OneLine(format[position..variable.Start]), AccessLogField.Unavailable, null));
            }
            var (field, key) = Resolve(variable.Name);
            parts.Add(new Part(null, field, key));
            position = variable.Start + variable.Length;
        }
        if (position < format.Length)
        {
            parts.Add(new Part(OneLine(format[position..]), AccessLogField.Unavailable, null));
        }
        return new AccessLogFormat([.. parts], format);
    }

    /// <summary>Renders one line (without its line break). Control characters in values become spaces, so a line stays one line.</summary>
    public string Render(in AccessLogFacts facts)
    {
        var line = new StringBuilder(Text.Length + 128);
        foreach (var part in _parts)
        {
            if (part.Literal is not null)
            {
                line.Append(part.Literal);
                continue;
            }
            var value = Value(part.Field, part.Key, facts);
            if (string.IsNullOrEmpty(value))
            {
                line.Append(Missing);
                continue;
            }
            foreach (var c in value)
            {
                line.Append(char.IsControl(c) ? ' ' : c);
            }
        }
        return line.ToString();
    }

    /// <summary>A format is one line too: line breaks typed into it become spaces.</summary>
    private static string OneLine(string literal) =>
        literal.Any(char.IsControl) ? string.Concat(literal.Select(c => char.IsControl(c) ? ' ' : c)) : literal;

    private static (AccessLogField Field, string? Key) Resolve(string name) => name switch
    {
        "requestId" => (AccessLogField.RequestId, null),
        "extendedRequestId" => (AccessLogField.ExtendedRequestId, null),
        "apiId" => (AccessLogField.ApiId, null),
        "accountId" => (AccessLogField.AccountId, null),
        "stage" => (AccessLogField.Stage, null),
        "domainName" => (AccessLogField.DomainName, null),
        "domainPrefix" => (AccessLogField.DomainPrefix, null),
        "httpMethod" => (AccessLogField.HttpMethod, null),
        "resourcePath" => (AccessLogField.ResourcePath, null),
        "path" => (AccessLogField.Path, null),
        "resourceId" => (AccessLogField.ResourceId, null),
        "protocol" => (AccessLogField.Protocol, null),
        "requestTime" => (AccessLogField.RequestTime, null),
        "requestTimeEpoch" => (AccessLogField.RequestTimeEpoch, null),
        "status" => (AccessLogField.Status, null),
        "responseLength" => (AccessLogField.ResponseLength, null),
        "responseLatency" => (AccessLogField.ResponseLatency, null),
        "identity.sourceIp" => (AccessLogField.SourceIp, null),
        "identity.caller" => (AccessLogField.Caller, null),
        "identity.user" => (AccessLogField.User, null),
        "identity.userArn" => (AccessLogField.UserArn, null),
        "identity.userAgent" => (AccessLogField.UserAgent, null),
        "identity.accountId" => (AccessLogField.IdentityAccountId, null),
        "identity.accessKey" => (AccessLogField.AccessKey, null),
        "identity.apiKey" => (AccessLogField.ApiKey, null),
        "identity.apiKeyId" => (AccessLogField.ApiKeyId, null),
        "identity.vpceId" => (AccessLogField.VpceId, null),
        "identity.clientCert.clientCertPem" => (AccessLogField.ClientCertPem, null),
        "identity.clientCert.subjectDN" => (AccessLogField.ClientCertSubjectDN, null),
        "identity.clientCert.issuerDN" => (AccessLogField.ClientCertIssuerDN, null),
        "identity.clientCert.serialNumber" => (AccessLogField.ClientCertSerialNumber, null),
        "identity.clientCert.validity.notBefore" => (AccessLogField.ClientCertNotBefore, null),
        "identity.clientCert.validity.notAfter" => (AccessLogField.ClientCertNotAfter, null),
        "authorizer.principalId" => (AccessLogField.PrincipalId, null),
        "authorizer.error" => (AccessLogField.AuthorizerError, null),
        "authorizer.status" => (AccessLogField.AuthorizerStatus, null),
        "error.message" => (AccessLogField.ErrorMessage, null),
        "error.messageString" => (AccessLogField.ErrorMessageString, null),
        "error.responseType" => (AccessLogField.ErrorResponseType, null),
        _ when name.StartsWith(AccessLogVariables.ClaimsPrefix, StringComparison.Ordinal) =>
            (AccessLogField.Claim, name[AccessLogVariables.ClaimsPrefix.Length..]),
        _ when name.StartsWith(AccessLogVariables.AuthorizerPrefix, StringComparison.Ordinal)
            && !AccessLogVariables.Names.Contains(name) =>
            (AccessLogField.AuthorizerContext, name[AccessLogVariables.AuthorizerPrefix.Length..]),
        _ => (AccessLogField.Unavailable, null),
    };

    private static string? Value(AccessLogField field, string? key, in AccessLogFacts facts)
    {
        var context = facts.Context;
        var request = facts.Request;
        var principal = request.Authorizer;
        return field switch
        {
            AccessLogField.RequestId => request.RequestId,
            AccessLogField.ExtendedRequestId => request.ExtendedRequestId,
            AccessLogField.ApiId => request.ApiId,
            AccessLogField.AccountId => facts.AccountId,
            AccessLogField.Stage => request.StageName,
            AccessLogField.DomainName => context.Request.Host.Host,
            AccessLogField.DomainPrefix => DomainPrefix(context.Request.Host.Host),
            AccessLogField.HttpMethod => context.Request.Method,
            AccessLogField.ResourcePath => request.ResourcePath,
            AccessLogField.Path => context.Request.Path.Value,
            AccessLogField.ResourceId => request.ResourceId,
            // API Gateway logs HTTP/1.1 whatever the client spoke.
            AccessLogField.Protocol => "HTTP/1.1",
            AccessLogField.RequestTime => request.RequestTime.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
            AccessLogField.RequestTimeEpoch => request.RequestTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            AccessLogField.Status => facts.Status.ToString(CultureInfo.InvariantCulture),
            AccessLogField.ResponseLength => facts.ResponseLength.ToString(CultureInfo.InvariantCulture),
            AccessLogField.ResponseLatency => facts.LatencyMilliseconds.ToString(CultureInfo.InvariantCulture),
            AccessLogField.SourceIp => SourceIp(context.Connection.RemoteIpAddress),
            AccessLogField.Caller => principal?.Caller?.Caller,
            AccessLogField.User => principal?.Caller?.User,
            AccessLogField.UserArn => principal?.Caller?.UserArn,
            AccessLogField.UserAgent => context.Request.Headers.UserAgent.ToString(),
            AccessLogField.IdentityAccountId => principal?.Caller?.AccountId,
            AccessLogField.AccessKey => principal?.Caller?.AccessKey,
            // The key's value is a secret: the log shows which key (its id), never the key itself.
            AccessLogField.ApiKey => request.ApiKey is null ? null : request.ApiKeyId,
            AccessLogField.ApiKeyId => request.ApiKeyId,
            AccessLogField.VpceId => context.Features.Get<DataPlaneListener>()?.VpcEndpointId,
            AccessLogField.ClientCertPem => context.Features.Get<ClientCertificateIdentity>()?.ClientCertPem,
            AccessLogField.ClientCertSubjectDN => context.Features.Get<ClientCertificateIdentity>()?.SubjectDN,
            AccessLogField.ClientCertIssuerDN => context.Features.Get<ClientCertificateIdentity>()?.IssuerDN,
            AccessLogField.ClientCertSerialNumber => context.Features.Get<ClientCertificateIdentity>()?.SerialNumber,
            AccessLogField.ClientCertNotBefore => context.Features.Get<ClientCertificateIdentity>()?.NotBeforeText,
            AccessLogField.ClientCertNotAfter => context.Features.Get<ClientCertificateIdentity>()?.NotAfterText,
            AccessLogField.PrincipalId => principal?.PrincipalId,
            AccessLogField.Claim => principal is not null && principal.Claims.TryGetValue(key!, out var claim) ? claim : null,
            AccessLogField.AuthorizerContext => principal is not null && principal.Context.TryGetValue(key!, out var entry) ? entry : null,
            AccessLogField.AuthorizerError => IsAuthorizerRefusal(request.ErrorType) ? request.ErrorMessage : null,
            AccessLogField.AuthorizerStatus => IsAuthorizerRefusal(request.ErrorType)
                ? facts.Status.ToString(CultureInfo.InvariantCulture)
                : principal is not null ? "200" : null,
            AccessLogField.ErrorMessage => request.ErrorMessage,
            AccessLogField.ErrorMessageString => request.ErrorType is null ? null : JsonSerializer.Serialize(request.ErrorMessage),
            AccessLogField.ErrorResponseType => request.ErrorType is { } type ? ResponseTypeNames[(int)type] : null,
            _ => null,
        };
    }

    private static bool IsAuthorizerRefusal(GatewayResponseType? type) => type is GatewayResponseType.Unauthorized
        or GatewayResponseType.AccessDenied or GatewayResponseType.AuthorizerFailure or GatewayResponseType.AuthorizerConfigurationError
        or GatewayResponseType.InvalidSignature or GatewayResponseType.ExpiredToken;

    private static string? DomainPrefix(string host)
    {
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? host[..dot] : host;
    }

    private static string? SourceIp(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary><c>MissingAuthenticationToken</c> → <c>MISSING_AUTHENTICATION_TOKEN</c>, API Gateway's spelling of the type.</summary>
    private static string ToUpperSnake(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                result.Append('_');
            }
            result.Append(char.ToUpperInvariant(name[i]));
        }
        return result.ToString();
    }

    private readonly record struct Part(string? Literal, AccessLogField Field, string? Key);
}
