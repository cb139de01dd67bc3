using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Security.Policies;

namespace OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;

/// <summary>
/// A deployed API's resource policy, compiled with its stage. For a PRIVATE API it also stands for
/// the endpoint type: a request that did not arrive on a private listener is explicitly denied,
/// whatever the policy says (API Gateway's private APIs cannot be reached from outside a VPC).
/// </summary>
internal sealed class ResourcePolicy : IResourcePolicy
{
    private const string InvokeAction = "execute-api:Invoke";

    private readonly PolicyDocument? _document;
    private readonly bool _privateOnly;
    private readonly TimeProvider _time;

    /// <param name="document">The policy; null denies everything (a policy that could not be compiled).</param>
    /// <param name="privateOnly">True for a PRIVATE API.</param>
    /// <param name="time">The clock for <c>aws:CurrentTime</c> / <c>aws:EpochTime</c>.</param>
    public ResourcePolicy(PolicyDocument? document, bool privateOnly, TimeProvider time)
    {
        _document = document;
        _privateOnly = privateOnly;
        _time = time;
    }

    /// <inheritdoc />
    public PolicyEffect Evaluate(HttpContext context, ExecuteApiRequest request, string methodArn, IamCaller? caller)
    {
        if (_document is null)
        {
            return PolicyEffect.ExplicitDeny;
        }
        if (_privateOnly && context.Features.Get<DataPlaneListener>() is not { IsPrivate: true })
        {
            return PolicyEffect.ExplicitDeny;
        }
        var values = new RequestConditionValues(context, caller, _time.GetUtcNow());
        return _document.Evaluate(new PolicyRequest(InvokeAction, methodArn, caller?.UserArn, caller?.AccountId, values));
    }
}
