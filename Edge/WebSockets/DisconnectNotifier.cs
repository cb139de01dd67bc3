using OrleansGateway.Edge.WebSockets.Integrations;
using OrleansGateway.Edge.WebSockets.Routing;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets;

/// <summary>Fires the <c>$disconnect</c> route for a closed connection: best-effort, never throws, as API Gateway documents.</summary>
internal static class DisconnectNotifier
{
    /// <summary>Calls the stage's <c>$disconnect</c> integration, if it has one.</summary>
    public static async Task FireAsync(
        WebSocketRouteTable routes, WebSocketIntegrationInvoker integrations, WebSocketConnectionInfo info, int statusCode, string reason,
        string? authorizerContextJson = null)
    {
        if (routes.Find(info.ApiId) is not { } api || !api.Stages.TryGetValue(info.Stage, out var stage) || stage.Find("$disconnect") is not { } route)
        {
            return;
        }
        var e = new WebSocketEvent(info, "$disconnect", "DISCONNECT", Guid.NewGuid().ToString(), null, ReadOnlyMemory<byte>.Empty, authorizerContextJson,
            DisconnectStatusCode: statusCode, DisconnectReason: reason);
        try
        {
            await integrations.InvokeAsync(route.Integration, e, CancellationToken.None);
        }
        catch (Exception)
        {
            // Best-effort by definition: the invoker already logged what it could.
        }
    }
}
