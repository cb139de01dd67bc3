using System.Net;
using System.Text.Json;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Policies;

/// <summary>
/// A whole dev-mode edge (<see cref="InProcessDevEdge"/>) whose requests can be put on a private
/// listener with <see cref="TestListenerHostingStartup.Header"/>, plus the management steps the
/// resource-policy tests share.
/// </summary>
public class PolicyTestEdge : IAsyncLifetime
{
    public const string Region = "us-east-1";
    public const string Account = "000000000000";

    public PolicyTestEdge()
        : this(null)
    {
    }

    /// <summary>The VPC endpoints tests may put requests on (<see cref="GetAsync"/>).</summary>
    public static readonly string[] PrivateEndpoints = ["vpce-0allowed", "vpce-0other", "vpce-0abc", "vpce-probe"];

    // Once the named listeners (Gateway:DataPlane:Listeners) are in the edge, private requests go to a
    // real private listener's port; until then TestListenerHostingStartup stands in for it.
    private static readonly bool RealListeners =
        typeof(OrleansGateway.Edge.Hosting.DataPlaneListener).Assembly.GetType("OrleansGateway.Edge.Hosting.Listeners.DataPlaneListenerMiddleware") is not null;

    private readonly Dictionary<string, int> _listenerPorts = new(StringComparer.Ordinal);

    protected PolicyTestEdge(string? dataAddress, params string[] settings)
    {
        Edge.Settings.Add(TestListenerHostingStartup.Setting);
        Edge.Settings.AddRange(settings);
        foreach (var endpoint in PrivateEndpoints)
        {
            var port = FreePorts.Next();
            _listenerPorts[endpoint] = port;
            Edge.Settings.AddRange([
                $"--Gateway:DataPlane:Listeners:{endpoint}:Port={port}",
                $"--Gateway:DataPlane:Listeners:{endpoint}:Private=true",
                $"--Gateway:DataPlane:Listeners:{endpoint}:VpcEndpointId={endpoint}",
            ]);
        }
        if (dataAddress is not null)
        {
            Edge.Settings.Add($"--Gateway:DataPlane:Address={dataAddress}");
            Edge.DataHost = dataAddress.Contains(':', StringComparison.Ordinal) ? $"[{dataAddress}]" : dataAddress;
        }
    }

    public InProcessDevEdge Edge { get; } = new();

    public Task InitializeAsync() => Edge.InitializeAsync();

    public Task DisposeAsync() => Edge.DisposeAsync();

    /// <summary>Imports a one-method API (<c>GET /pets</c>, MOCK 200 "pets") with the given root extensions.</summary>
    public async Task<string> ImportAsync(string? policy = null, string? endpointType = null)
    {
        using var management = Edge.Management();
        return await management.ImportAsync(PetsApi(policy, endpointType));
    }

    /// <summary>Deploys to <paramref name="stage"/> and waits until the edge serves the new deployment's outcome.</summary>
    public async Task DeployAsync(
        string apiId, string stage = "prod", Func<HttpResponseMessage, bool>? served = null, Func<Task<HttpResponseMessage>>? probe = null)
    {
        using var management = Edge.Management();
        await management.DeployAsync(apiId, stage, new Dictionary<string, string>());
        served ??= r => !r.Headers.TryGetValues("x-amzn-ErrorType", out var types) || !types.Contains("MissingAuthenticationTokenException");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            using var response = probe is not null
                ? await probe()
                : await GetAsync(apiId, $"/{stage}/pets", "vpce-probe");
            if (served(response))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"API {apiId} stage {stage} was not served within 15 s");
    }

    /// <summary>A data-plane GET on the private listener of <paramref name="vpcEndpoint"/> (one of <see cref="PrivateEndpoints"/>), or the public one when null.</summary>
    public Task<HttpResponseMessage> GetAsync(string apiId, string stageAndPath, string? vpcEndpoint)
    {
        if (vpcEndpoint is null || !RealListeners)
        {
            return Edge.GetAsync(apiId, stageAndPath, h =>
            {
                if (vpcEndpoint is not null)
                {
                    h.Add(TestListenerHostingStartup.Header, $"private {vpcEndpoint}");
                }
            });
        }
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_listenerPorts[vpcEndpoint]}{stageAndPath}");
        request.Headers.Host = $"{apiId}.execute-api.localhost";
        return Edge.Data.SendAsync(request);
    }

    /// <summary>A management call expected to fail: its status and the AWS error JSON's message.</summary>
    public async Task<(HttpStatusCode Status, string Message)> FailingAsync(Func<ManagementClient, Task> call)
    {
        using var management = Edge.Management();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => call(management));
        var json = error.Message[(error.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        using var body = JsonDocument.Parse(json);
        return (error.StatusCode!.Value, body.RootElement.GetProperty("message").GetString()!);
    }

    public static string MethodArn(string apiId, string stage = "prod", string method = "GET", string path = "pets") =>
        $"arn:aws:execute-api:{Region}:{Account}:{apiId}/{stage}/{method}/{path}";

    /// <summary>An Allow-anyone statement on every method of the API, with an optional condition (JSON).</summary>
    public static string Statement(string effect, string? condition = null, string resource = "execute-api:/*", string principal = "\"*\"") =>
        $$"""{"Effect":"{{effect}}","Principal":{{principal}},"Action":"execute-api:Invoke","Resource":"{{resource}}"{{(condition is null ? "" : ",\"Condition\":" + condition)}}}""";

    public static string Policy(params string[] statements) =>
        $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static string PetsApi(string? policy, string? endpointType) => $$"""
        {
          "openapi": "3.0.1",
          "info": { "title": "policy-test", "version": "1" },
          {{(policy is null ? "" : $"\"x-amazon-apigateway-policy\": {policy},")}}
          {{(endpointType is null ? "" : $"\"x-amazon-apigateway-endpoint-configuration\": {{\"types\": [\"{endpointType}\"]}},")}}
          "paths": {
            "/pets": {
              "get": {
                "responses": { "200": { "description": "ok" } },
                "x-amazon-apigateway-integration": {
                  "type": "mock",
                  "requestTemplates": { "application/json": "{\"statusCode\": 200}" },
                  "responses": { "default": { "statusCode": "200", "responseTemplates": { "application/json": "pets" } } }
                }
              }
            }
          }
        }
        """;
}

/// <summary>The same edge in another region and account (<c>Gateway:Region</c>, <c>Gateway:AccountId</c>).</summary>
public sealed class OtherAccountPolicyTestEdge : PolicyTestEdge
{
    public const string OtherRegion = "eu-west-1";
    public const string OtherAccount = "123456789012";

    public OtherAccountPolicyTestEdge()
        : base(null, $"--Gateway:Region={OtherRegion}", $"--Gateway:AccountId={OtherAccount}")
    {
    }
}

/// <summary>The same edge with its data plane on the IPv6 loopback <c>::1</c>.</summary>
public sealed class Ipv6PolicyTestEdge : PolicyTestEdge
{
    public Ipv6PolicyTestEdge()
        : base("::1")
    {
    }
}
