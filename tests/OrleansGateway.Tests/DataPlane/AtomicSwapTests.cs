namespace OrleansGateway.Tests.DataPlane;

/// <summary>A new serving config replaces the old one atomically; requests in flight finish on the table they started with.</summary>
public sealed class AtomicSwapTests
{
    [Fact]
    public async Task RequestInFlightDuringApplyCompletesOnTheOldTable()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var oldBackend = await EchoBackend.StartAsync("old");
        await using var newBackend = await EchoBackend.StartAsync("new");
        TestApi Api(EchoBackend backend) => new TestApi()
            .Stage("prod", new Dictionary<string, string> { ["target"] = backend.Address.Authority })
            .Route("/work", "GET", TestApi.HttpProxy("http://${stageVariables.target}/work"));
        gateway.Store.Apply(Api(oldBackend).Build(1));

        var slow = gateway.GetAsync("/prod/work?sleep=1000");
        await WaitUntilAsync(() => oldBackend.RequestsReceived == 1);
        Assert.True(gateway.Store.Apply(Api(newBackend).Build(2)));
        var fresh = await ResponseAssertions.EchoAsync(await gateway.GetAsync("/prod/work"));
        var inFlight = await ResponseAssertions.EchoAsync(await slow);

        Assert.Equal("new", fresh.GetProperty("backend").GetString());
        Assert.Equal("old", inFlight.GetProperty("backend").GetString());
        Assert.Equal(1, oldBackend.RequestsReceived);
        Assert.Equal(1, newBackend.RequestsReceived);
    }

    [Fact]
    public async Task ConcurrentRequestsDuringRepeatedSwapsAlwaysSeeAWholeTable()
    {
        // Version n answers "v{n}"; a request must never fail or see a half-installed table while versions change under it.
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Store.Apply(new TestApi().MockRoute("/item", "GET", "v1").Build(1));
        using var stop = new CancellationTokenSource();
        var answers = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await gateway.GetAsync("/prod/item");
                answers.Enqueue($"{(int)response.StatusCode}:{await response.Content.ReadAsStringAsync()}");
            }
        });

        for (var version = 2; version <= 50; version++)
        {
            Assert.True(gateway.Store.Apply(new TestApi().MockRoute("/item", "GET", $"v{version}").Build(version)));
            await Task.Delay(5);
        }
        stop.Cancel();
        await reader;

        Assert.NotEmpty(answers);
        Assert.All(answers, answer => Assert.Matches("^200:v([1-9]|[1-4][0-9]|50)$", answer));
        Assert.Equal("v50", await (await gateway.GetAsync("/prod/item")).Content.ReadAsStringAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
