using System.Net;
using Microsoft.IdentityModel.Tokens;
using OrleansGateway.Tests.Cluster;
using OrleansGateway.Tests.DataPlane;
using OrleansGateway.Tests.Jwt;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.AccessLogs;

/// <summary>
/// One dev-mode edge whose access-log destinations are files in a temp directory (one per log
/// group, so tests do not share a file), plus a loopback OIDC issuer for JWT-authorized requests.
/// </summary>
public sealed class AccessLogEdgeFixture : IAsyncLifetime
{
    /// <summary>The log groups configured, each to <c>{group}.log</c>.</summary>
    public static readonly string[] LogGroups = ["clf", "json", "xml", "csv", "keys", "refusals", "jwt", "lambda", "validation"];

    private readonly string _directory = Directory.CreateTempSubdirectory("og-access-logs-").FullName;

    public InProcessDevEdge Edge { get; } = new();

    public RsaSecurityKey Key { get; } = TestOidcIssuer.NewRsaKey("k1");

    public TestOidcIssuer Issuer { get; private set; } = null!;

    internal EchoBackend Backend { get; private set; } = null!;

    public LambdaAuthorizers.AuthorizerFunction Function { get; private set; } = null!;

    public string FileOf(string logGroup) => Path.Combine(_directory, logGroup + ".log");

    public static string ArnOf(string logGroup) => $"arn:aws:logs:us-east-1:000000000000:log-group:{logGroup}";

    public async Task InitializeAsync()
    {
        Issuer = await TestOidcIssuer.StartAsync();
        Issuer.Publish(Key);
        Backend = await EchoBackend.StartAsync();
        Function = await LambdaAuthorizers.AuthorizerFunction.StartAsync();
        Edge.Settings.Add("--Gateway:Authorizers:Jwt:MetadataTimeout=00:00:10");
        Edge.Settings.Add($"--Gateway:Authorizers:Jwt:UserPools:{JwtAuthorizerEndpointTests.PoolId}={Issuer.Issuer}");
        foreach (var group in LogGroups)
        {
            Edge.Settings.Add($"--Gateway:AccessLogs:Destinations:{group}=file:{FileOf(group)}");
        }
        await Edge.InitializeAsync();
    }

    /// <summary>Imports <paramref name="openApi"/>, deploys it to <c>prod</c>, sets its access log and waits until lines arrive.</summary>
    public async Task<string> DeployWithAccessLogAsync(string openApi, string logGroup, string format, string probePath)
    {
        using var management = Edge.Management();
        var apiId = await management.ImportAsync(openApi);
        await management.DeployAsync(apiId, "prod", new Dictionary<string, string>());
        await management.SendJsonAsync(HttpMethod.Patch, $"/restapis/{apiId}/stages/prod", new
        {
            patchOperations = new[]
            {
                new { op = "replace", path = "/accessLogSettings/destinationArn", value = ArnOf(logGroup) },
                new { op = "replace", path = "/accessLogSettings/format", value = format },
            },
        });
        // The stage reaches the edge by push: probe until a probe's request id shows up in the file.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = await Edge.GetAsync(apiId, probePath);
            var requestId = probe.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.Single() : "";
            if (probe.StatusCode != HttpStatusCode.ServiceUnavailable
                && await TryFindLineAsync(logGroup, requestId, TimeSpan.FromMilliseconds(300)) is not null)
            {
                return apiId;
            }
        }
        throw new TimeoutException($"no access-log line reached {FileOf(logGroup)}");
    }

    /// <summary>The line of <paramref name="logGroup"/>'s file that contains <paramref name="requestId"/>, waiting for the writer.</summary>
    public async Task<string> LineAsync(string logGroup, string requestId) =>
        await TryFindLineAsync(logGroup, requestId, TimeSpan.FromSeconds(10))
        ?? throw new Xunit.Sdk.XunitException($"no line with {requestId} in {logGroup}: {await AllTextAsync(logGroup)}");

    /// <summary>Everything written to <paramref name="logGroup"/>'s file so far.</summary>
    public async Task<string> AllTextAsync(string logGroup)
    {
        var path = FileOf(logGroup);
        if (!File.Exists(path))
        {
            return "";
        }
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private async Task<string?> TryFindLineAsync(string logGroup, string requestId, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        do
        {
            var line = (await AllTextAsync(logGroup)).Split('\n').FirstOrDefault(l => requestId.Length > 0 && l.Contains(requestId, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }
            await Task.Delay(25);
        }
        while (DateTime.UtcNow < deadline);
        return null;
    }

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Backend.DisposeAsync();
        await Function.DisposeAsync();
        await Issuer.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
