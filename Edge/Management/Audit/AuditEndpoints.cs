using Microsoft.AspNetCore.Mvc;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>The audit trail's own management endpoint: <c>GET /gateway/audit/verify</c> checks the whole chain.</summary>
internal static class AuditEndpoints
{
    /// <summary>Maps the endpoint on a management route group.</summary>
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/gateway/audit/verify", async ([FromServices] AuditVerifier verifier, CancellationToken cancellationToken) =>
            TypedResults.Json(await verifier.VerifyAsync(cancellationToken)));
}
