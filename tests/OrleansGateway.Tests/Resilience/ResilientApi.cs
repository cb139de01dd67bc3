using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Tests.Resilience;

/// <summary>Puts an <c>x-gateway-resilience</c> root extension into a built test API, as an OpenAPI import would.</summary>
internal static class ResilientApi
{
    public static ApiServingConfig WithResilience(this ApiServingConfig config, string extensionJson) =>
        config with
        {
            Deployments = [.. config.Deployments.Select(deployment => deployment with
            {
                Definition = deployment.Definition with
                {
                    Extensions = new Dictionary<string, string>(deployment.Definition.Extensions) { ["x-gateway-resilience"] = extensionJson },
                },
            })],
        };
}
