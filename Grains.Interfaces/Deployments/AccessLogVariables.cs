using System.Collections.Frozen;

namespace OrleansGateway.Grains.Interfaces.Deployments;

/// <summary>
/// The <c>$context</c> variables a REST stage's access-log format may use (reference §8.1), and
/// the one parser of format strings: the stage grain validates formats with it and the edge
/// compiles them with it, so both agree on what a variable is.
/// </summary>
public static class AccessLogVariables
{
    /// <summary>What every variable starts with.</summary>
    public const string Prefix = "$context.";

    /// <summary>Open-ended families: <c>authorizer.claims.&lt;name&gt;</c> and <c>authorizer.&lt;key&gt;</c> (a Lambda authorizer's context).</summary>
    public const string AuthorizerPrefix = "authorizer.";

    /// <summary>The claims family inside <see cref="AuthorizerPrefix"/>.</summary>
    public const string ClaimsPrefix = "authorizer.claims.";

    /// <summary>Longest variable name read; a longer run of name characters ends the variable there.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The fixed names, without the <c>$context.</c> prefix.</summary>
    public static FrozenSet<string> Names { get; } = new[]
    {
        "requestId", "extendedRequestId", "apiId", "accountId", "stage", "domainName", "domainPrefix",
        "httpMethod", "resourcePath", "path", "resourceId", "protocol", "requestTime", "requestTimeEpoch",
        "status", "responseLength", "responseLatency", "integrationLatency", "integrationStatus", "integrationErrorMessage",
        "integration.status", "integration.integrationStatus", "integration.latency", "integration.error", "integration.requestId",
        "awsEndpointRequestId",
        "identity.sourceIp", "identity.caller", "identity.user", "identity.userArn", "identity.userAgent", "identity.accountId",
        "identity.accessKey", "identity.apiKey", "identity.apiKeyId", "identity.vpceId", "identity.principalOrgId",
        "identity.cognitoAuthenticationProvider", "identity.cognitoAuthenticationType", "identity.cognitoIdentityId", "identity.cognitoIdentityPoolId",
        "identity.clientCert.clientCertPem", "identity.clientCert.subjectDN", "identity.clientCert.issuerDN",
        "identity.clientCert.serialNumber", "identity.clientCert.validity.notBefore", "identity.clientCert.validity.notAfter",
        "authorize.status", "authorize.latency", "authorize.error",
        "authenticate.status", "authenticate.latency", "authenticate.error",
        "error.message", "error.messageString", "error.responseType", "error.validationErrorString",
        "waf.status", "waf.latency", "waf.error", "wafResponseCode", "webaclArn",
        "customDomain.basePathMatched", "xrayTraceId",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for a fixed name or a member of an open-ended family.</summary>
    public static bool IsKnown(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Names.Contains(name)
            || (name.StartsWith(AuthorizerPrefix, StringComparison.Ordinal) && name.Length > AuthorizerPrefix.Length
                && !string.Equals(name, "authorizer.claims", StringComparison.Ordinal) && !name.EndsWith('.'));
    }

    /// <summary>
    /// The variables of <paramref name="format"/> in order, each as its position, length (prefix
    /// included) and name (prefix excluded). A name is dot-separated runs of letters, digits and
    /// <c>_</c>; inside <c>authorizer.</c> also <c>-</c> and <c>:</c> (claim names such as
    /// <c>cognito:groups</c>). A dot not followed by a name character ends the name.
    /// </summary>
    public static IReadOnlyList<AccessLogVariableReference> Parse(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var found = new List<AccessLogVariableReference>();
        var index = 0;
        while ((index = format.IndexOf(Prefix, index, StringComparison.Ordinal)) >= 0)
        {
            var start = index + Prefix.Length;
            var end = start;
            while (end < format.Length && end - start < MaxNameLength)
            {
                var authorizer = InAuthorizerFamily(format, start, end);
                if (IsNameChar(format[end], authorizer))
                {
                    end++;
                }
                else if (format[end] == '.' && end > start && end + 1 < format.Length && IsNameChar(format[end + 1], InAuthorizerFamily(format, start, end + 1)))
                {
                    end++;
                }
                else
                {
                    break;
                }
            }
            if (end > start)
            {
                found.Add(new AccessLogVariableReference(index, end - index, format[start..end]));
            }
            index = Math.Max(end, index + 1);
        }
        return found;
    }

    /// <summary>The distinct unknown variables of <paramref name="format"/>, with their <c>$context.</c> prefix, in order.</summary>
    public static IReadOnlyList<string> FindUnknown(string format) =>
        [.. Parse(format).Where(v => !IsKnown(v.Name)).Select(v => Prefix + v.Name).Distinct(StringComparer.Ordinal)];

    private static bool InAuthorizerFamily(string format, int start, int position) =>
        position - start >= AuthorizerPrefix.Length && format.AsSpan(start, AuthorizerPrefix.Length).SequenceEqual(AuthorizerPrefix);

    private static bool IsNameChar(char c, bool authorizer) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || (authorizer && c is '-' or ':');
}

/// <summary>One <c>$context.name</c> occurrence in an access-log format.</summary>
/// <param name="Start">Index of the <c>$</c>.</param>
/// <param name="Length">Length including the <c>$context.</c> prefix.</param>
/// <param name="Name">The name after the prefix, e.g. <c>identity.sourceIp</c>.</param>
public readonly record struct AccessLogVariableReference(int Start, int Length, string Name);
