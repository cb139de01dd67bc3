using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Builds the OpenAPI 3 operation for one method: the imported operation when there is one, else one
/// made from the method (a method created through the management API has no document behind it).
/// </summary>
internal static class ExportedOperationBuilder
{
    private const string SigV4Scheme = "sigv4";
    private const string ApiKeyScheme = "api_key";

    public static JsonObject Build(MethodDefinition method, string resourcePath, JsonObject document)
    {
        var operation = method.OperationJson is { } imported && StoredJson.Parse(imported) is JsonObject parsed
            ? parsed
            : Synthesize(method, resourcePath, document);
        if (method.OperationName is { } name)
        {
            operation["operationId"] = name;
        }
        if (method.Integration is { } integration)
        {
            operation[IntegrationExtensionReader.Name] = IntegrationExtensionWriter.Write(integration, operation[IntegrationExtensionReader.Name]);
        }
        else
        {
            operation.Remove(IntegrationExtensionReader.Name);
        }
        foreach (var (key, value) in method.Extensions)
        {
            operation[key] = StoredJson.ParseValue(value);
        }
        if (method.OperationJson is not null && !Authorizers.AuthorizerSecuritySchemes.SecurityDescribes(operation, method, document))
        {
            // UpdateMethod changed the authorization since the import: export what is served.
            operation.Remove(MethodSecurityReader.AuthExtension);
            operation["security"] = Security(method, document);
        }
        return operation;
    }

    private static JsonObject Synthesize(MethodDefinition method, string resourcePath, JsonObject document)
    {
        var operation = new JsonObject();
        var parameters = new JsonArray();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, required) in method.RequestParameters)
        {
            var parts = name.Split('.', 4);
            if (parts.Length != 4 || parts[0] != "method" || parts[1] != "request")
            {
                continue;
            }
            var @in = parts[2] switch { "querystring" => "query", var other => other };
            declared.Add(@in + ":" + parts[3]);
            parameters.Add(Parameter(parts[3], @in, required || @in == "path"));
        }
        // OpenAPI requires every path template variable to be declared.
        foreach (var segment in resourcePath.Split('/').Where(ResourcePaths.IsParameter))
        {
            var name = segment.Trim('{', '}').TrimEnd('+');
            if (declared.Add("path:" + name))
            {
                parameters.Add(Parameter(name, "path", true));
            }
        }
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        var codes = method.Integration?.Responses.Select(r => r.StatusCode).Distinct().ToArray() is { Length: > 0 } statusCodes ? statusCodes : ["200"];
        operation["responses"] = new JsonObject(codes.Select(c => KeyValuePair.Create(c, (JsonNode?)new JsonObject { ["description"] = $"{c} response" })));
        if (Security(method, document) is { Count: > 0 } security)
        {
            operation["security"] = security;
        }
        return operation;
    }

    private static JsonObject Parameter(string name, string @in, bool required) => new()
    {
        ["name"] = name,
        ["in"] = @in,
        ["required"] = required,
        ["schema"] = new JsonObject { ["type"] = "string" },
    };

    /// <summary>Security requirements as API Gateway exports them: one object per scheme, each meant to apply.</summary>
    private static JsonArray Security(MethodDefinition method, JsonObject document)
    {
        var security = new JsonArray();
        if (method.AuthorizationType == "AWS_IAM")
        {
            SecuritySchemes(document).TryAdd(SigV4Scheme, new JsonObject
            {
                ["type"] = "apiKey", ["name"] = "Authorization", ["in"] = "header",
                [MethodSecurityReader.AuthTypeExtension] = "awsSigv4",
            });
            security.Add(new JsonObject { [SigV4Scheme] = new JsonArray() });
        }
        else if (method.AuthorizerId is { } authorizer && document["components"]?["securitySchemes"]?[authorizer] is JsonObject)
        {
            // An authorizer made through the management API has no scheme here; referring to it would make the document invalid.
            security.Add(new JsonObject { [authorizer] = new JsonArray(method.AuthorizationScopes.Select(s => (JsonNode?)s).ToArray()) });
        }
        if (method.ApiKeyRequired)
        {
            SecuritySchemes(document).TryAdd(ApiKeyScheme, new JsonObject { ["type"] = "apiKey", ["name"] = "x-api-key", ["in"] = "header" });
            security.Add(new JsonObject { [ApiKeyScheme] = new JsonArray() });
        }
        return security;
    }

    private static JsonObject SecuritySchemes(JsonObject document)
    {
        if (document["components"] is not JsonObject components)
        {
            components = [];
            document["components"] = components;
        }
        if (components["securitySchemes"] is not JsonObject schemes)
        {
            schemes = [];
            components["securitySchemes"] = schemes;
        }
        return schemes;
    }
}
