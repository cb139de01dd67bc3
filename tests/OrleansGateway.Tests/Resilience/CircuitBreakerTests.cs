using System.Net;
using OrleansGateway.Tests.DataPlane;

namespace OrleansGateway.Tests.Resilience;

/// <summary>The per-backend circuit breaker: opens on failures, answers 503 without calling the backend, closes after the break.</summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private const string FourFailuresOpenForOneSecond =
        """{"circuitBreaker":{"failureRatio":0.5,"minimumThroughput":4,"samplingDurationSeconds":30,"breakDurationSeconds":1}}""";

    private EchoBackend _backend = null!;

    public async Task InitializeAsync() => _backend = await EchoBackend.StartAsync();

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task BreakerOpensAfterFailuresAnswers503WithoutCallingTheBackendAndClosesAfterTheBreak()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/flaky", "GET", TestApi.HttpProxy(_backend.Url + "/flaky")).Build(1)
            .WithResilience(FourFailuresOpenForOneSecond));

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await gateway.GetAsync("/prod/flaky?status=500")).StatusCode);
        }
        var whileOpen = await gateway.GetAsync("/prod/flaky");

        await ResponseAssertions.AssertGatewayErrorAsync(whileOpen, HttpStatusCode.ServiceUnavailable, "Service Unavailable", "ServiceUnavailableException");
        Assert.Equal(4, _backend.RequestsReceived);

        await Task.Delay(TimeSpan.FromMilliseconds(1300));
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/prod/flaky")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/prod/flaky")).StatusCode);
        Assert.Equal(6, _backend.RequestsReceived);
    }

    [Fact]
    public async Task FailedHalfOpenProbeOpensTheBreakerAgain()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/flaky", "GET", TestApi.HttpProxy(_backend.Url + "/flaky")).Build(1)
            .WithResilience(FourFailuresOpenForOneSecond));
        for (var i = 0; i < 4; i++)
        {
            await gateway.GetAsync("/prod/flaky?status=503");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(1300));
        var probe = await gateway.GetAsync("/prod/flaky?status=500");
        var afterProbe = await gateway.GetAsync("/prod/flaky");

        Assert.Equal(HttpStatusCode.InternalServerError, probe.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, afterProbe.StatusCode);
        Assert.Equal(5, _backend.RequestsReceived);
    }

    [Fact]
    public async Task BreakerIsSharedByEveryRouteToTheSameBackend()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi()
            .Route("/a", "GET", TestApi.HttpProxy(_backend.Url + "/a"))
            .Route("/b", "GET", TestApi.HttpProxy(_backend.Url + "/b"))
            .Build(1).WithResilience(FourFailuresOpenForOneSecond));
        for (var i = 0; i < 4; i++)
        {
            await gateway.GetAsync("/prod/a?status=500");
        }

        var other = await gateway.GetAsync("/prod/b");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, other.StatusCode);
        Assert.Equal(4, _backend.RequestsReceived);
    }

    [Fact]
    public async Task SuccessesKeepTheBreakerClosed()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/mostly", "GET", TestApi.HttpProxy(_backend.Url + "/mostly")).Build(1)
            .WithResilience(FourFailuresOpenForOneSecond));

        // One failure in four is under the 50 % ratio.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await gateway.GetAsync(i % 4 == 0 ? "/prod/mostly?status=500" : "/prod/mostly")).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Equal(8, _backend.RequestsReceived);
    }

    [Fact]
    public async Task GlobalOffSwitchLetsEveryRequestReachTheBackend()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(configure: settings => settings["Gateway:Backends:Resilience:Enabled"] = "false");
        gateway.Store.Apply(new TestApi().Route("/flaky", "GET", TestApi.HttpProxy(_backend.Url + "/flaky")).Build(1)
            .WithResilience(FourFailuresOpenForOneSecond));

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await gateway.GetAsync("/prod/flaky?status=500")).StatusCode);
        }
        Assert.Equal(8, _backend.RequestsReceived);
    }

    [Fact]
    public async Task BreakerDisabledByTheExtensionLetsEveryRequestReachTheBackend()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/flaky", "GET", TestApi.HttpProxy(_backend.Url + "/flaky")).Build(1)
            .WithResilience("""{"circuitBreaker":{"enabled":false,"minimumThroughput":2}}"""));

        for (var i = 0; i < 6; i++)
        {
            await gateway.GetAsync("/prod/flaky?status=500");
        }
        Assert.Equal(6, _backend.RequestsReceived);
    }

    [Fact]
    public async Task ConnectionFailuresOpenTheBreaker()
    {
        await using var refused = new LateListener();
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/down", "GET", TestApi.HttpProxy(refused.Url + "/down")).Build(1)
            .WithResilience("""{"circuitBreaker":{"minimumThroughput":4,"breakDurationSeconds":30},"retry":{"maxRetries":0}}"""));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await gateway.GetAsync("/prod/down")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable], statuses);
    }

    [Fact]
    public async Task TimeoutsOpenTheBreaker()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/slow", "GET", TestApi.HttpProxy(_backend.Url + "/slow", timeoutInMillis: 100)).Build(1)
            .WithResilience("""{"circuitBreaker":{"minimumThroughput":4,"breakDurationSeconds":30}}"""));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await gateway.GetAsync("/prod/slow?sleep=400")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.GatewayTimeout, HttpStatusCode.GatewayTimeout, HttpStatusCode.GatewayTimeout, HttpStatusCode.GatewayTimeout, HttpStatusCode.ServiceUnavailable], statuses);
        Assert.Equal(4, _backend.RequestsReceived);
    }

    [Fact]
    public async Task ClientErrorsFromTheBackendDoNotOpenTheBreaker()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/missing", "GET", TestApi.HttpProxy(_backend.Url + "/missing")).Build(1)
            .WithResilience(FourFailuresOpenForOneSecond));

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/prod/missing?status=404")).StatusCode);
        }
        Assert.Equal(6, _backend.RequestsReceived);
    }
}
