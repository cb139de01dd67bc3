using System.Collections.Frozen;
using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Compilation;

/// <summary>
/// One stage compiled with the deployment it serves: everything a request needs, immutable, so
/// requests read it without locks while a newer one is being compiled.
/// </summary>
internal sealed class CompiledStage
{
    public required string ApiId { get; init; }

    public required string StageName { get; init; }

    public required string DeploymentId { get; init; }

    public required FrozenDictionary<string, string> Variables { get; init; }

    public required RouteTrie Routes { get; init; }

    public required GatewayResponseTable GatewayResponses { get; init; }

    /// <summary>The deployment's authorizers by id and by name (methods name them either way).</summary>
    public FrozenDictionary<string, AuthorizerDefinition> Authorizers { get; init; } = FrozenDictionary<string, AuthorizerDefinition>.Empty;

    /// <summary>The deployed resource policy; null when the API has none.</summary>
    public IResourcePolicy? ResourcePolicy { get; init; }

    /// <summary>True when API keys come from the authorizer's <c>usageIdentifierKey</c> rather than <c>x-api-key</c>.</summary>
    public bool ApiKeyFromAuthorizer { get; init; }

    /// <summary>The opt-in (stage tag <see cref="RateLimitHeadersTag"/> = <c>true</c>) IETF RateLimit headers.</summary>
    public bool RateLimitHeaders { get; init; }

    /// <summary>The stage's access log (format compiled once per config); null when the stage has none.</summary>
    public AccessLogs.CompiledAccessLog? AccessLog { get; init; }

    /// <summary>The API's compiled <c>x-amazon-apigateway-cors</c>; null when it has none (no CORS handling at all).</summary>
    public Cors.CorsPolicy? Cors { get; init; }

    /// <summary>True when the stage tag <c>gateway:jsonBodyCheck</c> is <c>off</c>: malformed JSON bodies are forwarded.</summary>
    public bool JsonBodyCheckOff { get; init; }

    /// <summary>The stage tag that turns on the RateLimit / RateLimit-Policy headers.</summary>
    public const string RateLimitHeadersTag = "gateway:rateLimitHeaders";
}
