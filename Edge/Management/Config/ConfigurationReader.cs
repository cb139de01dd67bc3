using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Management.RestApis;
using OrleansGateway.Edge.Management.Stages;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>
/// Reads a REST API's or a stage's current state from the grains, in the management API's JSON:
/// the API with a <c>methods</c> summary (what the authorization rule needs), the stage with its web ACL.
/// </summary>
internal sealed class ConfigurationReader(IGrainFactory grains)
{
    /// <summary>The state as JSON, or null when the resource no longer exists.</summary>
    public async Task<string?> ReadAsync(string resourceType, string resourceId)
    {
        switch (resourceType)
        {
            case ConfigResourceTypes.RestApi:
                var grain = grains.GetGrain<IRestApiGrain>(resourceId);
                var api = await grain.TryGet();
                if (api is null)
                {
                    return null;
                }
                var node = JsonSerializer.SerializeToNode(RestApiResponse.From(api), ManagementJson.Default.RestApiResponse)!.AsObject();
                var methods = new JsonArray();
                foreach (var resource in (await grain.GetDefinition()).Resources)
                {
                    foreach (var (verb, method) in resource.Methods)
                    {
                        methods.Add(new JsonObject
                        {
                            ["path"] = resource.Path,
                            ["httpMethod"] = verb,
                            ["authorizationType"] = method.AuthorizationType,
                            ["authorizerId"] = method.AuthorizerId,
                            ["apiKeyRequired"] = method.ApiKeyRequired,
                        });
                    }
                }
                node["methods"] = methods;
                return node.ToJsonString();
            case ConfigResourceTypes.Stage:
                var slash = resourceId.IndexOf('/', StringComparison.Ordinal);
                var (apiId, stageName) = (resourceId[..slash], resourceId[(slash + 1)..]);
                try
                {
                    var stage = await grains.GetGrain<IRestApiGrain>(apiId).GetStage(stageName);
                    var webAcl = await grains.GetGrain<IWafDirectoryGrain>(IWafDirectoryGrain.Key).GetWebAclArnForStage(apiId, stageName);
                    return JsonSerializer.Serialize(StageResponse.From(stage) with { WebAclArn = webAcl }, ManagementJson.Default.StageResponse);
                }
                catch (OrleansGateway.Grains.Interfaces.Management.ManagementException)
                {
                    return null;
                }
            default:
                return null;
        }
    }
}
