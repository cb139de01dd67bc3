using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;

/// <summary>Compiles a deployment's resource policy and endpoint type into the stage's <see cref="IResourcePolicy"/>.</summary>
internal static class ResourcePolicyCompiler
{
    /// <summary>The endpoint type served only on private listeners.</summary>
    public const string PrivateEndpointType = "PRIVATE";

    /// <summary>
    /// Null when the deployment has neither a policy nor the PRIVATE type (requests then skip policy
    /// evaluation entirely). A stored policy that no longer compiles denies everything, and is reported
    /// through <paramref name="problem"/>: failing open would silently drop the API's restrictions.
    /// </summary>
    public static IResourcePolicy? Compile(
        string apiId, DeploymentSnapshot deployment, string region, string accountId, TimeProvider time, Action<string> problem)
    {
        var json = deployment.Definition.Policy ?? deployment.Api.Policy;
        var privateOnly = deployment.Api.EndpointConfiguration.Types.Contains(PrivateEndpointType, StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(json))
        {
            if (privateOnly)
            {
                problem("the PRIVATE API's deployment has no resource policy; every request is denied");
                return new ResourcePolicy(null, privateOnly, time);
            }
            return null;
        }
        try
        {
            return new ResourcePolicy(ResourcePolicyReader.Read(json, region, accountId, apiId), privateOnly, time);
        }
        catch (PolicyDocumentException ex)
        {
            problem($"the resource policy is invalid ({ex.Message}); every request is denied");
            return new ResourcePolicy(null, privateOnly, time);
        }
    }
}
