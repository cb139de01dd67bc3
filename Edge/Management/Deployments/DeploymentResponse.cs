using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.Management.Deployments;

/// <summary>API Gateway's <c>Deployment</c>.</summary>
internal sealed record DeploymentResponse(string Id, string? Description, long CreatedDate)
{
    /// <summary>Maps a deployment summary.</summary>
    public static DeploymentResponse From(DeploymentSummary deployment) =>
        new(deployment.Id, deployment.Description, deployment.CreatedDate.ToUnixTimeSeconds());
}
