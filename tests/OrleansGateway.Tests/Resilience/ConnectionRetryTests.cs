using System.Diagnostics;
using System.Net;
using OrleansGateway.Tests.DataPlane;

namespace OrleansGateway.Tests.Resilience;

/// <summary>Connection failures are retried for idempotent bodyless requests only, within the integration timeout.</summary>
public sealed class ConnectionRetryTests
{
    // 100, 200, 400, 800, 1600 ms before jitter: the listener appears well within the first few.
    private const string FiveRetries = """{"retry":{"maxRetries":5,"baseDelayMillis":100},"circuitBreaker":{"enabled":false}}""";

    [Fact]
    public async Task GetToAPortThatStartsListeningLateIsRetriedAndSucceeds()
    {
        await using var late = new LateListener();
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/late", "GET", TestApi.HttpProxy(late.Url + "/late")).Build(1).WithResilience(FiveRetries));
        late.StartAfter(TimeSpan.FromMilliseconds(250));

        var response = await gateway.GetAsync("/prod/late");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, late.ConnectionsAccepted);
    }

    [Fact]
    public async Task PostToAPortThatStartsListeningLateIsNotRetried()
    {
        await using var late = new LateListener();
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/late", "POST", TestApi.HttpProxy(late.Url + "/late")).Build(1).WithResilience(FiveRetries));
        late.StartAfter(TimeSpan.FromMilliseconds(250));

        var response = await gateway.SendAsync(HttpMethod.Post, "/prod/late");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.BadGateway, "Internal server error", "InternalServerErrorException");
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        Assert.Equal(0, late.ConnectionsAccepted);
    }

    [Fact]
    public async Task GetWithABodyIsNotRetried()
    {
        await using var late = new LateListener();
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/late", "PUT", TestApi.HttpProxy(late.Url + "/late")).Build(1).WithResilience(FiveRetries));
        late.StartAfter(TimeSpan.FromMilliseconds(250));

        var response = await gateway.SendAsync(HttpMethod.Put, "/prod/late", content: new StringContent("{\"a\":1}"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        Assert.Equal(0, late.ConnectionsAccepted);
    }

    [Fact]
    public async Task RetriesStopAtTheIntegrationTimeoutWith504()
    {
        await using var never = new LateListener();
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/never", "GET", TestApi.HttpProxy(never.Url + "/never", timeoutInMillis: 400)).Build(1)
            .WithResilience("""{"retry":{"maxRetries":5,"baseDelayMillis":300},"circuitBreaker":{"enabled":false}}"""));
        var clock = Stopwatch.StartNew();

        var response = await gateway.GetAsync("/prod/never");

        clock.Stop();
        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.GatewayTimeout, "Endpoint request timed out", "InternalServerErrorException");
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task WithoutRetriesARefusedGetAnswers502()
    {
        await using var late = new LateListener();
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().Route("/late", "GET", TestApi.HttpProxy(late.Url + "/late")).Build(1)
            .WithResilience("""{"retry":{"maxRetries":0}}"""));
        late.StartAfter(TimeSpan.FromMilliseconds(250));

        var response = await gateway.GetAsync("/prod/late");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        Assert.Equal(0, late.ConnectionsAccepted);
    }
}
