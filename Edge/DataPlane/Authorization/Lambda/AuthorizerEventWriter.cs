using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Security.Tls;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>
/// Writes the event API Gateway sends a Lambda authorizer (reference §3.1, §3.2): REST v1 TOKEN and
/// REQUEST, HTTP API payload 1.0 (REQUEST plus <c>version</c>, <c>identitySource</c>,
/// <c>authorizationToken</c>) and payload 2.0.
/// </summary>
internal static class AuthorizerEventWriter
{
    public static byte[] Write(CompiledLambdaAuthorizer authorizer, AuthorizationRequest request, string[] identityValues, string accountId)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (authorizer.IsPayloadV2)
            {
                WriteV2(json, request, identityValues, accountId);
            }
            else if (authorizer.IsToken)
            {
                json.WriteStartObject();
                json.WriteString("type", "TOKEN");
                json.WriteString("authorizationToken", identityValues[0]);
                json.WriteString("methodArn", request.MethodArn);
                json.WriteEndObject();
            }
            else
            {
                WriteV1Request(json, authorizer, request, identityValues, accountId);
            }
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteV1Request(Utf8JsonWriter json, CompiledLambdaAuthorizer authorizer, AuthorizationRequest request, string[] identityValues, string accountId)
    {
        var http = request.Context.Request;
        var api = request.Request;
        json.WriteStartObject();
        if (string.Equals(authorizer.Definition.PayloadFormatVersion, "1.0", StringComparison.Ordinal))
        {
            var joined = string.Join(',', identityValues);
            json.WriteString("version", "1.0");
            json.WriteString("identitySource", joined);
            json.WriteString("authorizationToken", joined);
        }
        json.WriteString("type", "REQUEST");
        json.WriteString("methodArn", request.MethodArn);
        json.WriteString("resource", api.ResourcePath);
        json.WriteString("path", http.Path.Value);
        json.WriteString("httpMethod", http.Method);

        json.WriteStartObject("headers");
        foreach (var (name, values) in http.Headers)
        {
            json.WriteString(name, values.Count > 0 ? values[^1] : string.Empty);
        }
        json.WriteEndObject();
        json.WriteStartObject("multiValueHeaders");
        foreach (var (name, values) in http.Headers)
        {
            WriteArray(json, name, values);
        }
        json.WriteEndObject();

        WriteQuery(json, http.Query, multiValue: false);
        WriteQuery(json, http.Query, multiValue: true);
        WriteMap(json, "pathParameters", api.PathParameters);
        WriteMap(json, "stageVariables", api.StageVariables);

        json.WriteStartObject("requestContext");
        json.WriteString("path", http.Path.Value);
        json.WriteString("accountId", accountId);
        json.WriteString("resourceId", api.ResourceId);
        json.WriteString("stage", api.StageName);
        json.WriteString("requestId", api.RequestId);
        json.WriteStartObject("identity");
        var apiKey = http.Headers["x-api-key"];
        if (apiKey.Count > 0)
        {
            json.WriteString("apiKey", apiKey[^1]);
        }
        json.WriteString("sourceIp", request.Context.Connection.RemoteIpAddress?.ToString());
        json.WriteString("userAgent", http.Headers.UserAgent.ToString());
        WriteClientCert(json, request.Context);
        json.WriteEndObject();
        json.WriteString("resourcePath", api.ResourcePath);
        json.WriteString("httpMethod", http.Method);
        json.WriteString("apiId", api.ApiId);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteV2(Utf8JsonWriter json, AuthorizationRequest request, string[] identityValues, string accountId)
    {
        var http = request.Context.Request;
        var api = request.Request;
        var routeKey = $"{http.Method} {api.ResourcePath}";
        json.WriteStartObject();
        json.WriteString("version", "2.0");
        json.WriteString("type", "REQUEST");
        json.WriteString("routeArn", request.MethodArn);
        json.WriteStartArray("identitySource");
        foreach (var value in identityValues)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
        json.WriteString("routeKey", routeKey);
        json.WriteString("rawPath", http.Path.Value);
        json.WriteString("rawQueryString", http.QueryString.HasValue ? http.QueryString.Value![1..] : string.Empty);
        var cookies = http.Headers.Cookie;
        if (cookies.Count > 0)
        {
            json.WriteStartArray("cookies");
            foreach (var header in cookies)
            {
                foreach (var cookie in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    json.WriteStringValue(cookie);
                }
            }
            json.WriteEndArray();
        }
        json.WriteStartObject("headers");
        foreach (var (name, values) in http.Headers)
        {
            if (!string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase))
            {
                json.WriteString(name.ToLowerInvariant(), string.Join(',', values.ToArray()));
            }
        }
        json.WriteEndObject();
        json.WriteStartObject("queryStringParameters");
        foreach (var (name, values) in http.Query)
        {
            json.WriteString(name, string.Join(',', values.ToArray()));
        }
        json.WriteEndObject();

        json.WriteStartObject("requestContext");
        json.WriteString("accountId", accountId);
        json.WriteString("apiId", api.ApiId);
        if (request.Context.Features.Get<ClientCertificateIdentity>() is not null)
        {
            json.WriteStartObject("authentication");
            WriteClientCert(json, request.Context);
            json.WriteEndObject();
        }
        json.WriteString("domainName", http.Host.Host);
        json.WriteString("domainPrefix", api.ApiId);
        json.WriteStartObject("http");
        json.WriteString("method", http.Method);
        json.WriteString("path", http.Path.Value);
        json.WriteString("protocol", http.Protocol);
        json.WriteString("sourceIp", request.Context.Connection.RemoteIpAddress?.ToString());
        json.WriteString("userAgent", http.Headers.UserAgent.ToString());
        json.WriteEndObject();
        json.WriteString("requestId", api.RequestId);
        json.WriteString("routeKey", routeKey);
        json.WriteString("stage", api.StageName);
        json.WriteString("time", api.RequestTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
        json.WriteNumber("timeEpoch", api.RequestTime.ToUnixTimeMilliseconds());
        json.WriteEndObject();
        WriteMap(json, "pathParameters", api.PathParameters);
        WriteMap(json, "stageVariables", api.StageVariables);
        json.WriteEndObject();
    }

    /// <summary><c>clientCert</c> of a mutual-TLS request, in API Gateway's shape; nothing without one.</summary>
    private static void WriteClientCert(Utf8JsonWriter json, HttpContext context)
    {
        if (context.Features.Get<ClientCertificateIdentity>() is not { } certificate)
        {
            return;
        }
        json.WriteStartObject("clientCert");
        json.WriteString("clientCertPem", certificate.ClientCertPem);
        json.WriteString("subjectDN", certificate.SubjectDN);
        json.WriteString("issuerDN", certificate.IssuerDN);
        json.WriteString("serialNumber", certificate.SerialNumber);
        json.WriteStartObject("validity");
        json.WriteString("notBefore", certificate.NotBeforeText);
        json.WriteString("notAfter", certificate.NotAfterText);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteQuery(Utf8JsonWriter json, IQueryCollection query, bool multiValue)
    {
        var name = multiValue ? "multiValueQueryStringParameters" : "queryStringParameters";
        if (query.Count == 0)
        {
            // API Gateway sends null, not {}, when the request has no query string.
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        foreach (var (key, values) in query)
        {
            if (multiValue)
            {
                WriteArray(json, key, values);
            }
            else
            {
                json.WriteString(key, values.Count > 0 ? values[^1] : string.Empty);
            }
        }
        json.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter json, string name, StringValues values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }
        json.WriteEndObject();
    }
}
