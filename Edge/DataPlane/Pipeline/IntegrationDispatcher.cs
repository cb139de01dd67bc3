using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Integrations;

namespace OrleansGateway.Edge.DataPlane.Pipeline;

/// <summary>Last stage of the data plane: serves the matched method through its integration.</summary>
internal sealed class IntegrationDispatcher
{
    private readonly HttpIntegrationForwarder _forwarder;

    public IntegrationDispatcher(HttpIntegrationForwarder forwarder) => _forwarder = forwarder;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Features.Get<ExecuteApiRequest>();
        if (request?.Method is not { } method)
        {
            // Only reachable when the pipeline was assembled without the routing middleware.
            return context.WriteGatewayResponseAsync(GatewayResponseType.MissingAuthenticationToken);
        }
        var integration = method.Integration;
        return integration.Kind switch
        {
            IntegrationKind.HttpProxy or IntegrationKind.Http => _forwarder.ForwardAsync(context, request, integration),
            IntegrationKind.Mock => MockIntegrationResponder.RespondAsync(context, request, integration.Mock!),
            _ => context.WriteGatewayResponseAsync(GatewayResponseType.ApiConfigurationError),
        };
    }
}
