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
    DomainName,
    DomainPrefix,
    Protocol,
    RequestTime,
    RequestTimeEpoch,
    SourceIp,
    UserAgent,
    /// <summary><c>authorizer.principalId</c>.</summary>
    AuthorizerPrincipalId,
    /// <summary><c>authorizer.claims.{name}</c>: a verified token's claim.</summary>
    AuthorizerClaim,
    /// <summary><c>authorizer.{key}</c>: a value of a Lambda authorizer's <c>context</c>.</summary>
    AuthorizerContext,
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
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryParse(string name, out ContextVariable variable)
    {
        if (Names.TryGetValue(name, out variable))
        {
            return true;
        }
        // authorizer.* names are open-ended (the authorizer decides its context keys and claims).
        const string Authorizer = "authorizer.";
        if (!name.StartsWith(Authorizer, StringComparison.Ordinal) || name.Length == Authorizer.Length)
        {
            return false;
        }
        variable = name == "authorizer.principalId" ? ContextVariable.AuthorizerPrincipalId
            : name.StartsWith("authorizer.claims.", StringComparison.Ordinal) ? ContextVariable.AuthorizerClaim
            : ContextVariable.AuthorizerContext;
        return true;
    }
}
