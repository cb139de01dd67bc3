using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using OrleansGateway.Edge.Http;
using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>Describes a finished management call from its request, the endpoint it reached and its buffered answer.</summary>
internal static partial class ManagementCallReader
{
    /// <summary>Largest answer parsed for configuration history.</summary>
    private const int MaxResponseBytes = 256 * 1024;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    public static ManagementCall Describe(HttpContext context, SigV4Identity caller, AuditSettings settings, DateTimeOffset time, byte[] requestBody, long requestLength, MemoryStream response)
    {
        var request = context.Request;
        var service = caller.Service;
        var (operation, readOnly) = Operation(context, service, requestBody);
        var parameters = Parameters(context, service, requestBody, requestLength, settings.MaxParameterBytes);
        AuditParameterMasker.Mask(parameters, operation);
        parameters = Bounded(parameters, settings.MaxParameterBytes);

        var status = context.Response.StatusCode;
        JsonNode? answer = null;
        if (status is >= 200 and < 300 && !readOnly && response.Length is > 0 and <= MaxResponseBytes
            && context.Response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                answer = JsonNode.Parse(response.GetBuffer().AsSpan(0, (int)response.Length), documentOptions: ParseOptions);
                AuditParameterMasker.Mask(answer, operation);
            }
            catch (JsonException)
            {
                answer = null;
            }
        }

        var routeValues = request.RouteValues;
        var createdId = answer is JsonObject created && created["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        return new ManagementCall
        {
            EventId = Guid.NewGuid(),
            EventTime = time,
            EventSource = service + ".amazonaws.com",
            EventName = operation,
            ReadOnly = readOnly,
            AccessKeyId = caller.AccessKeyId,
            UserName = settings.AdminUserName,
            SourceIpAddress = context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            UserAgent = Truncate(request.Headers.UserAgent.ToString(), 256),
            Region = caller.Region,
            RequestParameters = parameters,
            Resources = service == "apigateway" ? ApiGatewayResources.From(routeValues, operation, createdId) : [],
            StatusCode = status,
            ErrorCode = status >= 400 ? ErrorCode(context, response) : null,
            RequestId = context.Response.Headers["x-amzn-RequestId"].ToString() is { Length: > 0 } requestId ? requestId : null,
            ResourcePath = service == "apigateway" ? ResourcePath(context) : null,
            ResponseBody = answer,
        };
    }

    /// <summary>Services a refused call may be recorded under; any other claimed signing name is recorded as API Gateway's.</summary>
    private static readonly HashSet<string> KnownServices = ["apigateway", "iam", "wafv2", "cloudtrail", "monitoring", "events", "config"];

    /// <summary>
    /// Describes a call the SigV4 middleware refused. Nothing the caller sent is trusted or kept beyond
    /// the operation, the path parameters and the claimed access key id: the body was never read, and
    /// the query string can hold a presigned signature.
    /// </summary>
    public static ManagementCall DescribeRefused(HttpContext context, SigV4Refusal refusal, AuditSettings settings, DateTimeOffset time)
    {
        var service = refusal.Service is { } claimed && KnownServices.Contains(claimed) ? claimed : "apigateway";
        var query = Encoding.UTF8.GetBytes(context.Request.QueryString.Value?.TrimStart('?') ?? "");
        var (operation, readOnly) = Operation(context, service, query);
        JsonObject? parameters = null;
        if (service == "apigateway")
        {
            foreach (var (key, value) in context.Request.RouteValues)
            {
                if (!key.StartsWith("basePath", StringComparison.Ordinal) && value is string text)
                {
                    parameters ??= [];
                    parameters[key] = Truncate(text, 256);
                }
            }
        }
        return new ManagementCall
        {
            EventId = Guid.NewGuid(),
            EventTime = time,
            EventSource = service + ".amazonaws.com",
            EventName = operation,
            ReadOnly = readOnly,
            IdentityType = "Unknown",
            AccessKeyId = Truncate(refusal.AccessKeyId ?? "", 128),
            UserName = "",
            SourceIpAddress = context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            UserAgent = Truncate(context.Request.Headers.UserAgent.ToString(), 256),
            Region = Truncate(refusal.Region ?? "", 32),
            RequestParameters = parameters,
            Resources = service == "apigateway" ? ApiGatewayResources.From(context.Request.RouteValues, operation, null) : [],
            StatusCode = context.Response.StatusCode,
            ErrorCode = refusal.ErrorCode,
            RequestId = context.Response.Headers["x-amzn-RequestId"].ToString() is { Length: > 0 } requestId ? requestId : null,
        };
    }

    private static (string Operation, bool ReadOnly) Operation(HttpContext context, string service, byte[] body)
    {
        switch (service)
        {
            case "apigateway":
                var pattern = RoutePattern(context);
                var name = pattern is null ? "UnknownOperation" : ApiGatewayOperationNames.Name(context.Request.Method, pattern, context.Request.Query);
                return (name, HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
            case "iam":
                var action = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).TryGetValue("Action", out var value) ? value.ToString() : "UnknownOperation";
                return (Truncate(action, 64), IsReadOnlyName(action));
            default:
                var target = context.Request.Headers["X-Amz-Target"].ToString();
                var dot = target.LastIndexOf('.');
                var operation = dot >= 0 ? target[(dot + 1)..] : "UnknownOperation";
                return (Truncate(operation, 64), IsReadOnlyName(operation));
        }
    }

    private static bool IsReadOnlyName(string operation) =>
        operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal)
        || operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("Lookup", StringComparison.Ordinal)
        || operation.StartsWith("Check", StringComparison.Ordinal) || operation.StartsWith("Test", StringComparison.Ordinal);

    /// <summary>The route pattern without the optional base-path segments.</summary>
    private static string? RoutePattern(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint || endpoint.RoutePattern.RawText is not { } raw)
        {
            return null;
        }
        var segments = raw.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s.StartsWith("{basePath", StringComparison.Ordinal));
        var pattern = "/" + string.Join('/', segments);
        return pattern.Contains("{*", StringComparison.Ordinal) ? null : pattern;
    }

    /// <summary>The request path without base-path segments, for naming a configuration item.</summary>
    private static string? ResourcePath(HttpContext context)
    {
        var pattern = RoutePattern(context);
        if (pattern is null)
        {
            return null;
        }
        var depth = pattern.Count(c => c == '/');
        var path = context.Request.Path.Value ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join('/', segments.Skip(Math.Max(0, segments.Length - depth)));
    }

    private static JsonObject? Parameters(HttpContext context, string service, byte[] body, long length, int maxBytes)
    {
        var parameters = new JsonObject();
        if (service == "apigateway")
        {
            foreach (var (key, value) in context.Request.RouteValues)
            {
                if (!key.StartsWith("basePath", StringComparison.Ordinal) && value is string text)
                {
                    parameters[key] = text;
                }
            }
            foreach (var (key, value) in context.Request.Query)
            {
                parameters[Truncate(key, 128)] = Truncate(value.ToString(), 1024);
            }
        }
        if (length == 0)
        {
            return parameters.Count == 0 ? null : parameters;
        }
        if (length > maxBytes || body.Length < length)
        {
            parameters["bodyBytes"] = length;
            return parameters;
        }
        if (service == "iam")
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                if (key is not ("Action" or "Version"))
                {
                    parameters[Truncate(key, 128)] = value.ToString();
                }
            }
            return parameters;
        }
        try
        {
            var node = JsonNode.Parse(body, documentOptions: ParseOptions);
            if (node is JsonObject obj && service != "apigateway")
            {
                return obj;
            }
            parameters["body"] = node;
        }
        catch (JsonException)
        {
            // CSV key imports and YAML documents: recorded by size and digest, never verbatim (they may hold key values).
            parameters["bodyBytes"] = length;
            parameters["bodySha256"] = Convert.ToHexStringLower(SHA256.HashData(body));
        }
        return parameters;
    }

    private static JsonObject? Bounded(JsonObject? parameters, int maxBytes)
    {
        if (parameters is null)
        {
            return null;
        }
        var text = parameters.ToJsonString();
        return Encoding.UTF8.GetByteCount(text) <= maxBytes
            ? parameters
            : new JsonObject { ["truncated"] = true, ["bytes"] = Encoding.UTF8.GetByteCount(text), ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))) };
    }

    private static string ErrorCode(HttpContext context, MemoryStream response)
    {
        var header = context.Response.Headers[AwsErrorResponse.ErrorTypeHeader].ToString();
        if (header.Length > 0)
        {
            return Truncate(header.Split(':')[0], 128);
        }
        var text = Encoding.UTF8.GetString(response.GetBuffer(), 0, (int)Math.Min(response.Length, 4096));
        var xml = XmlCode().Match(text);
        if (xml.Success)
        {
            return xml.Groups[1].Value;
        }
        var json = JsonType().Match(text);
        return json.Success ? json.Groups[1].Value : "HTTP" + context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [GeneratedRegex("<Code>([A-Za-z0-9.:_-]{1,128})</Code>")]
    private static partial Regex XmlCode();

    [GeneratedRegex("\"__type\"\\s*:\\s*\"([A-Za-z0-9.:#_-]{1,128})\"")]
    private static partial Regex JsonType();
}
