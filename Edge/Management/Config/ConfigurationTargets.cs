using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Audit;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>Which resources a successful mutating call changed, from its path (API Gateway) or its parameters (WAFv2, IAM).</summary>
internal static class ConfigurationTargets
{
    public static IReadOnlyList<ConfigurationTarget> Of(ManagementCall call)
    {
        if (!call.Succeeded || call.ReadOnly)
        {
            return [];
        }
        return call.EventSource switch
        {
            "apigateway.amazonaws.com" => ApiGateway(call),
            "wafv2.amazonaws.com" => Waf(call),
            "iam.amazonaws.com" => Iam(call),
            _ => [],
        };
    }

    private static List<ConfigurationTarget> ApiGateway(ManagementCall call)
    {
        var segments = (call.ResourcePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var delete = call.EventName.StartsWith("Delete", StringComparison.Ordinal);
        var created = Text(call.ResponseBody, "id");
        var targets = new List<ConfigurationTarget>();
        void Add(string type, string? id, ConfigurationSource source)
        {
            if (!string.IsNullOrEmpty(id))
            {
                targets.Add(new(type, id, delete ? ConfigurationSource.Deleted : source));
            }
        }

        switch (segments)
        {
            case ["restapis"]:
                Add(ConfigResourceTypes.RestApi, created, ConfigurationSource.ReadAfter);
                break;
            case ["restapis", var api]:
                Add(ConfigResourceTypes.RestApi, api, ConfigurationSource.ReadAfter);
                break;
            case ["restapis", var api, "stages"]:
                Add(ConfigResourceTypes.Stage, $"{api}/{Text(call.ResponseBody, "stageName")}", ConfigurationSource.ReadAfter);
                break;
            case ["restapis", var api, "stages", var stage]:
                Add(ConfigResourceTypes.Stage, $"{api}/{stage}", ConfigurationSource.ReadAfter);
                break;
            case ["restapis", var api, "deployments"]:
                Add(ConfigResourceTypes.Deployment, created is null ? null : $"{api}/{created}", ConfigurationSource.Response);
                if (Text(call.RequestParameters?["body"], "stageName") is { Length: > 0 } stageName)
                {
                    Add(ConfigResourceTypes.Stage, $"{api}/{stageName}", ConfigurationSource.ReadAfter);
                }
                break;
            case ["restapis", var api, "deployments", var deployment]:
                Add(ConfigResourceTypes.Deployment, $"{api}/{deployment}", ConfigurationSource.Response);
                break;
            case ["restapis", var api, "authorizers", ..]:
                Add(ConfigResourceTypes.Authorizer, segments.Length > 3 ? $"{api}/{segments[3]}" : created is null ? null : $"{api}/{created}", ConfigurationSource.Response);
                break;
            case ["restapis", var api, ..]:
                // Methods, resources, models, validators, gateway responses: part of the API's definition.
                targets.Add(new(ConfigResourceTypes.RestApi, api, ConfigurationSource.ReadAfter));
                break;
            case ["apikeys"]:
                Add(ConfigResourceTypes.ApiKey, created, ConfigurationSource.Response);
                break;
            case ["apikeys", var key]:
                Add(ConfigResourceTypes.ApiKey, key, ConfigurationSource.Response);
                break;
            case ["usageplans"]:
                Add(ConfigResourceTypes.UsagePlan, created, ConfigurationSource.Response);
                break;
            case ["usageplans", var plan]:
                Add(ConfigResourceTypes.UsagePlan, plan, ConfigurationSource.Response);
                break;
            case ["usageplans", var plan, "keys"]:
                Add(ConfigResourceTypes.UsagePlanKey, created is null ? null : $"{plan}/{created}", ConfigurationSource.Response);
                break;
            case ["usageplans", var plan, "keys", var key]:
                Add(ConfigResourceTypes.UsagePlanKey, $"{plan}/{key}", ConfigurationSource.Response);
                break;
            case ["clientcertificates"]:
                Add(ConfigResourceTypes.ClientCertificate, Text(call.ResponseBody, "clientCertificateId"), ConfigurationSource.Response);
                break;
            case ["clientcertificates", var certificate]:
                Add(ConfigResourceTypes.ClientCertificate, certificate, ConfigurationSource.Response);
                break;
        }
        return targets;
    }

    private static List<ConfigurationTarget> Waf(ManagementCall call)
    {
        var name = call.EventName;
        var request = call.RequestParameters;
        if (name is "AssociateWebACL" or "DisassociateWebACL")
        {
            // arn:aws:apigateway:{region}::/restapis/{id}/stages/{stage}
            var arn = Text(request, "ResourceArn") ?? "";
            var marker = arn.IndexOf("/restapis/", StringComparison.Ordinal);
            var parts = marker < 0 ? [] : arn[(marker + 1)..].Split('/');
            return parts is ["restapis", var api, "stages", var stage] ? [new(ConfigResourceTypes.Stage, $"{api}/{stage}", ConfigurationSource.ReadAfter)] : [];
        }
        foreach (var verb in new[] { "Create", "Update", "Delete" })
        {
            if (name.StartsWith(verb, StringComparison.Ordinal) && ConfigResourceTypes.Waf(name[verb.Length..]) is { } type)
            {
                var id = Text(request, "Id") ?? Text(call.ResponseBody?["Summary"], "Id");
                var resourceName = Text(request, "Name");
                return id is null || resourceName is null ? []
                    : [new(type, $"{resourceName}/{id}", verb == "Delete" ? ConfigurationSource.Deleted : ConfigurationSource.Request)];
            }
        }
        return [];
    }

    private static List<ConfigurationTarget> Iam(ManagementCall call)
    {
        var request = call.RequestParameters;
        var user = Text(request, "UserName");
        return call.EventName switch
        {
            "PutUserPolicy" when user is not null => [new(ConfigResourceTypes.IamPolicy, $"{user}/{Text(request, "PolicyName")}", ConfigurationSource.Request)],
            "DeleteUserPolicy" when user is not null => [new(ConfigResourceTypes.IamPolicy, $"{user}/{Text(request, "PolicyName")}", ConfigurationSource.Deleted)],
            "CreateUser" when user is not null => [new(ConfigResourceTypes.IamUser, user, ConfigurationSource.Request)],
            "DeleteUser" when user is not null => [new(ConfigResourceTypes.IamUser, user, ConfigurationSource.Deleted)],
            _ => [],
        };
    }

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
