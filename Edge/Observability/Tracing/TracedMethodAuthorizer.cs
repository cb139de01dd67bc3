using System.Diagnostics;
using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.Observability.Metrics;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Observability.Tracing;

/// <summary>
/// Wraps a registered <see cref="IMethodAuthorizer"/>: each authorization gets an <c>authorizer</c>
/// span and counts as an authorizer cache hit or miss (<see cref="GatewayMetrics"/>).
/// </summary>
internal sealed class TracedMethodAuthorizer(IMethodAuthorizer inner) : IMethodAuthorizer
{
    public bool Handles(string authorizationType, AuthorizerDefinition? authorizer) => inner.Handles(authorizationType, authorizer);

    // async so the ended span is not left as Activity.Current for the rest of the pipeline.
    public async ValueTask<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        using var span = GatewayTracing.StartStage("authorizer", request.Request);
        AuthorizationResult result;
        try
        {
            result = await inner.AuthorizeAsync(request, cancellationToken);
        }
        catch
        {
            span?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        // AWS_IAM has no authorizer definition; its signature checks are not cached results.
        var type = request.Authorizer?.Type ?? "AWS_IAM";
        GatewayMetrics.AuthorizerLookup(type, result.FromCache);
        if (span is not null)
        {
            span.SetTag("authorizer.type", type);
            span.SetTag("authorizer.cached", result.FromCache);
            if (result.Refusal is { } refusal)
            {
                span.SetTag("authorizer.refusal", refusal.ToString());
            }
        }
        return result;
    }
}
