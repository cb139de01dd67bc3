using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Authorization;

/// <summary>An API's resource policy, compiled with the stage it was deployed to.</summary>
public interface IResourcePolicy
{
    /// <summary>
    /// The policy's effect on <c>execute-api:Invoke</c> of <paramref name="methodArn"/> by
    /// <paramref name="caller"/> (null: anonymous, i.e. any method that is not AWS_IAM).
    /// Conditions read the request (source IP, VPC endpoint, user agent, time...).
    /// </summary>
    PolicyEffect Evaluate(HttpContext context, ExecuteApiRequest request, string methodArn, IamCaller? caller);
}
