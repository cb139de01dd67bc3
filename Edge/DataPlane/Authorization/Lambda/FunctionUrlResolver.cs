using System.Text.RegularExpressions;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>
/// Turns an authorizer URI into the URL of the HTTP endpoint that stands in for the Lambda function:
/// an <c>http(s)://</c> URL as is, or API Gateway's invocation ARN
/// <c>arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations</c>
/// through <c>Gateway:Authorizers:Functions:{functionName}</c> (or the whole function ARN as the key).
/// </summary>
internal static partial class FunctionUrlResolver
{
    public static Uri? Resolve(string? authorizerUri, IReadOnlyDictionary<string, string> functions, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(authorizerUri))
        {
            problem = "the authorizer has no authorizerUri";
            return null;
        }
        if (authorizerUri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || authorizerUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Absolute(authorizerUri, out problem);
        }
        var match = InvocationArn().Match(authorizerUri);
        if (!match.Success)
        {
            problem = "authorizerUri is neither an http(s) URL nor a Lambda invocation ARN";
            return null;
        }
        var functionArn = match.Groups["function"].Value;
        var name = FunctionName(functionArn);
        if (functions.TryGetValue(functionArn, out var url) || functions.TryGetValue(name, out url))
        {
            return Absolute(url, out problem);
        }
        problem = $"no URL configured for function {name} (Gateway:Authorizers:Functions:{name})";
        return null;
    }

    // arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}] → name; anything else is taken as a name.
    private static string FunctionName(string functionArn)
    {
        var parts = functionArn.Split(':');
        return parts.Length >= 7 && parts[5] == "function" ? parts[6] : functionArn;
    }

    private static Uri? Absolute(string url, out string? problem)
    {
        problem = null;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }
        problem = "the function URL is not an absolute http(s) URL";
        return null;
    }

    [GeneratedRegex(@"\Aarn:aws:apigateway:[^:]+:lambda:path/2015-03-31/functions/(?<function>.+)/invocations\z", RegexOptions.CultureInvariant)]
    private static partial Regex InvocationArn();
}
