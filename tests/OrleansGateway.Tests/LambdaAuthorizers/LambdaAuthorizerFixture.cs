using System.Collections.Concurrent;
using System.Net;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.LambdaAuthorizers;

/// <summary>
/// A dev-mode edge in process (co-hosted silo, so the result grains are real), a real authorizer
/// function and a real echo backend on loopback. The edge's call timeout is 1 s, its breakers open
/// after 4 calls at 50 % failures, and function <c>arn-auth</c> maps to the function's second URL.
/// </summary>
public sealed class LambdaAuthorizerFixture : IAsyncLifetime
{
    public const string FunctionName = "arn-auth";
    public const string FunctionArnUri =
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:" + FunctionName + "/invocations";

    private readonly ConcurrentDictionary<string, Task<string>> _apis = new(StringComparer.Ordinal);

    public InProcessDevEdge Edge { get; } = new();

    public AuthorizerFunction Function { get; private set; } = null!;

    internal EchoBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Function = await AuthorizerFunction.StartAsync();
        Backend = await EchoBackend.StartAsync();
        Edge.Settings.AddRange(
        [
            "--Gateway:Authorizers:CallTimeout=00:00:01",
            "--Gateway:Authorizers:BreakerMinimumThroughput=4",
            $"--Gateway:Authorizers:Functions:{FunctionName}={Function.Url}?via=arn",
        ]);
        await Edge.InitializeAsync();
    }

    /// <summary>The API of <see cref="AuthorizerApis.Document"/> for this TTL and authorizer URI, imported and deployed to stage prod once, serving.</summary>
    public Task<string> ApiAsync(int ttlSeconds, string? authorizerUri = null, string? resourcePolicy = null) =>
        _apis.GetOrAdd($"{ttlSeconds}|{authorizerUri}|{resourcePolicy}", _ => DeployAsync(ttlSeconds, authorizerUri ?? Function.Url, resourcePolicy));

    private async Task<string> DeployAsync(int ttlSeconds, string authorizerUri, string? resourcePolicy)
    {
        using var management = Edge.Management();
        var apiId = await management.ImportAsync(AuthorizerApis.Document($"lambda-auth-{ttlSeconds}", authorizerUri, ttlSeconds, Backend.Url, resourcePolicy));
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());
        // Serving once a request without a token is refused by the authorizer step (401, or 500 for a broken authorizer), not the router (403).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await Edge.GetAsync(apiId, "/prod/pets");
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.InternalServerError)
            {
                return apiId;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"API {apiId} never served: {(int)response.StatusCode}");
            }
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Function.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
