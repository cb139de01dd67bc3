using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>The <c>context.*</c> values a parameter mapping may read.</summary>
internal enum ContextVariable
{
    RequestId,
    ExtendedRequestId,
    ApiId,
    Stage,
    HttpMethod,
    ResourcePath,
    ResourceId,
    Path,
    /// <summary>HTTP API's <c>$request.path</c>: the request path without the stage (no <c>context.*</c> name).</summary>
    PathWithoutStage,
    DomainName,
    DomainPrefix,
    Protocol,
    RequestTime,
    RequestTimeEpoch,
    SourceIp,
    UserAgent,
    VpceId,
    ClientCertPem,
    ClientCertSubjectDN,
    ClientCertIssuerDN,
    ClientCertSerialNumber,
    ClientCertNotBefore,
    ClientCertNotAfter,
    /// <summary><c>context.authorizer.claims.{name}</c>: a claim of the verified JWT (the name is the source's).</summary>
    AuthorizerClaim,
    /// <summary><c>context.authorizer.principalId</c>.</summary>
    AuthorizerPrincipalId,
    /// <summary><c>context.authorizer.{key}</c>: a value of a Lambda authorizer's <c>context</c> (the key is the source's name).</summary>
    AuthorizerContext,
    /// <summary><c>context.identity.accessKey</c>: the SigV4 caller's access key id (AWS_IAM methods).</summary>
    IdentityAccessKey,
    /// <summary><c>context.identity.accountId</c>: the SigV4 caller's account.</summary>
    IdentityAccountId,
    /// <summary><c>context.identity.caller</c>: the SigV4 caller's user id.</summary>
    IdentityCaller,
    /// <summary><c>context.identity.user</c>: the SigV4 caller's user id.</summary>
    IdentityUser,
    /// <summary><c>context.identity.userArn</c>: the SigV4 caller's user ARN.</summary>
    IdentityUserArn,
    /// <summary><c>context.identity.apiKeyId</c>: the id of the API key the request was metered under.</summary>
    IdentityApiKeyId,
    /// <summary><c>context.identity.apiKey</c>: the validated API key itself (mapped only when the API author asks for it).</summary>
    IdentityApiKey,
}

/// <summary>Maps <c>context.x</c> names (after the prefix) to <see cref="ContextVariable"/>.</summary>
internal static class ContextVariableNames
{
    private static readonly FrozenDictionary<string, ContextVariable> Names = new Dictionary<string, ContextVariable>
    {
        ["requestId"] = ContextVariable.RequestId,
        ["extendedRequestId"] = ContextVariable.ExtendedRequestId,
        ["apiId"] = ContextVariable.ApiId,
        ["stage"] = ContextVariable.Stage,
        ["httpMethod"] = ContextVariable.HttpMethod,
        ["resourcePath"] = ContextVariable.ResourcePath,
        ["resourceId"] = ContextVariable.ResourceId,
        ["path"] = ContextVariable.Path,
        ["domainName"] = ContextVariable.DomainName,
        ["domainPrefix"] = ContextVariable.DomainPrefix,
        ["protocol"] = ContextVariable.Protocol,
        ["requestTime"] = ContextVariable.RequestTime,
        ["requestTimeEpoch"] = ContextVariable.RequestTimeEpoch,
        ["identity.sourceIp"] = ContextVariable.SourceIp,
        ["identity.userAgent"] = ContextVariable.UserAgent,
        ["identity.vpceId"] = ContextVariable.VpceId,
        ["identity.clientCert.clientCertPem"] = ContextVariable.ClientCertPem,
        ["identity.clientCert.subjectDN"] = ContextVariable.ClientCertSubjectDN,
        ["identity.clientCert.issuerDN"] = ContextVariable.ClientCertIssuerDN,
        ["identity.clientCert.serialNumber"] = ContextVariable.ClientCertSerialNumber,
        ["identity.clientCert.validity.notBefore"] = ContextVariable.ClientCertNotBefore,
        ["identity.clientCert.validity.notAfter"] = ContextVariable.ClientCertNotAfter,
        ["authorizer.principalId"] = ContextVariable.AuthorizerPrincipalId,
        ["identity.accessKey"] = ContextVariable.IdentityAccessKey,
        ["identity.accountId"] = ContextVariable.IdentityAccountId,
        ["identity.caller"] = ContextVariable.IdentityCaller,
        ["identity.user"] = ContextVariable.IdentityUser,
        ["identity.userArn"] = ContextVariable.IdentityUserArn,
        ["identity.apiKeyId"] = ContextVariable.IdentityApiKeyId,
        ["identity.apiKey"] = ContextVariable.IdentityApiKey,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryParse(string name, out ContextVariable variable) => Names.TryGetValue(name, out variable);
}
