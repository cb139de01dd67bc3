namespace OrleansGateway.Edge.Management.Audit;

/// <summary>The resources an API Gateway call names in its path (and, for a create, the new id it answered).</summary>
internal static class ApiGatewayResources
{
    /// <summary>CloudTrail-style resources for <paramref name="routeValues"/>, innermost last.</summary>
    public static List<AuditResource> From(RouteValueDictionary routeValues, string operation, string? createdId)
    {
        var resources = new List<AuditResource>();
        var api = Value(routeValues, "restApiId");
        if (api is not null)
        {
            resources.Add(new("AWS::ApiGateway::RestApi", api));
            AddNested(resources, routeValues, api);
        }
        Add(resources, "AWS::ApiGateway::ApiKey", Value(routeValues, "apiKey"));
        Add(resources, "AWS::ApiGateway::ClientCertificate", Value(routeValues, "clientCertificateId"));
        var plan = Value(routeValues, "usagePlanId");
        if (plan is not null)
        {
            resources.Add(new("AWS::ApiGateway::UsagePlan", plan));
            Add(resources, "AWS::ApiGateway::UsagePlanKey", Value(routeValues, "keyId") is { } key ? $"{plan}/{key}" : null);
        }
        if (createdId is not null)
        {
            var type = operation switch
            {
                "CreateRestApi" or "ImportRestApi" => "AWS::ApiGateway::RestApi",
                "CreateApiKey" => "AWS::ApiGateway::ApiKey",
                "CreateUsagePlan" => "AWS::ApiGateway::UsagePlan",
                "CreateClientCertificate" => "AWS::ApiGateway::ClientCertificate",
                "CreateDeployment" => "AWS::ApiGateway::Deployment",
                "CreateAuthorizer" => "AWS::ApiGateway::Authorizer",
                _ => null,
            };
            if (type is not null)
            {
                resources.Add(new(type, api is not null && type != "AWS::ApiGateway::RestApi" ? $"{api}/{createdId}" : createdId));
            }
        }
        return resources;
    }

    private static void AddNested(List<AuditResource> resources, RouteValueDictionary routeValues, string api)
    {
        Add(resources, "AWS::ApiGateway::Stage", Value(routeValues, "stageName") is { } stage ? $"{api}/{stage}" : null);
        Add(resources, "AWS::ApiGateway::Deployment", Value(routeValues, "deploymentId") is { } deployment ? $"{api}/{deployment}" : null);
        Add(resources, "AWS::ApiGateway::Resource", Value(routeValues, "resourceId") is { } resource ? $"{api}/{resource}" : null);
        Add(resources, "AWS::ApiGateway::Authorizer", Value(routeValues, "authorizerId") is { } authorizer ? $"{api}/{authorizer}" : null);
    }

    private static void Add(List<AuditResource> resources, string type, string? name)
    {
        if (name is not null)
        {
            resources.Add(new(type, name));
        }
    }

    private static string? Value(RouteValueDictionary routeValues, string name) =>
        routeValues.TryGetValue(name, out var value) && value is string text && text.Length > 0 ? text : null;
}
