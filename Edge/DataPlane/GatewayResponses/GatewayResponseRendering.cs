using System.Globalization;
using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>
/// What one customised gateway response is filled in from: the request, its matched stage and the
/// error. Values resolve only when a customised header or template asks for them.
/// </summary>
internal readonly struct GatewayResponseRendering(HttpContext context, ExecuteApiRequest? request, GatewayResponseType type, string? message)
{
    /// <summary>
    /// The value of <c>context.x</c> / <c>stageVariables.x</c> (without <c>$</c>); empty when unknown,
    /// as API Gateway renders an undefined variable.
    /// </summary>
    public string Variable(string name)
    {
        if (name.StartsWith("stageVariables.", StringComparison.Ordinal))
        {
            return request?.StageVariables.GetValueOrDefault(name["stageVariables.".Length..]) ?? string.Empty;
        }
        if (!name.StartsWith("context.", StringComparison.Ordinal))
        {
            return string.Empty;
        }
        var key = name["context.".Length..];
        if (key.StartsWith("authorizer.", StringComparison.Ordinal))
        {
            var principal = request?.Authorizer;
            var field = key["authorizer.".Length..];
            return field == "principalId"
                ? principal?.PrincipalId ?? string.Empty
                : principal?.Context.GetValueOrDefault(field) ?? string.Empty;
        }
        return key switch
        {
            "error.message" => message ?? string.Empty,
            "error.messageString" => message is null ? "null" : JsonSerializer.Serialize(message),
            "error.responseType" => GatewayResponseTypeNames.AwsName(type) ?? string.Empty,
            "requestId" => request?.RequestId ?? string.Empty,
            "extendedRequestId" => request?.ExtendedRequestId ?? string.Empty,
            "apiId" => request?.ApiId ?? string.Empty,
            "stage" => request?.StageName ?? string.Empty,
            "resourcePath" => request?.ResourcePath ?? string.Empty,
            "resourceId" => request?.ResourceId ?? string.Empty,
            "httpMethod" => context.Request.Method,
            "path" => context.Request.Path.Value ?? string.Empty,
            "domainName" => context.Request.Host.Host,
            "protocol" => context.Request.Protocol,
            "requestTimeEpoch" => request?.RequestTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            "requestTime" => request?.RequestTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture) ?? string.Empty,
            "identity.sourceIp" => context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
            "identity.userAgent" => context.Request.Headers.UserAgent.ToString(),
            "identity.apiKeyId" => request?.ApiKeyId ?? string.Empty,
            _ => string.Empty,
        };
    }

    /// <summary>A request header's value (first one), or empty.</summary>
    public string Header(string name) => context.Request.Headers.TryGetValue(name, out var values) ? values[0] ?? string.Empty : string.Empty;

    /// <summary>A query string parameter's value (first one), or empty.</summary>
    public string Query(string name) => context.Request.Query.TryGetValue(name, out var values) ? values[0] ?? string.Empty : string.Empty;

    /// <summary>A path parameter's value, or empty (also before a method matched).</summary>
    public string PathParameter(string name) => request?.PathParameters.GetValueOrDefault(name) ?? string.Empty;
}
