using System.Collections.Concurrent;
using CsCheck;
using Xunit.Abstractions;

namespace OrleansGateway.Tests.BadInput;

/// <summary>
/// Property-based fuzzing of the edge: thousands of generated malformed HTTP/1.1 requests over raw
/// TCP, each answered with a 4xx or a closed connection (never a 5xx, never a hang), and the
/// backend never called. Runs for about 20 s, one request at a time so a backend call is pinned on the request that made it; CsCheck prints the seed of a failing
/// case, and <c>CsCheck_Seed=…</c> in the environment replays it.
/// </summary>
public sealed class BadInputFuzzTests(BadInputEdgeFixture fixture, ITestOutputHelper output) : IClassFixture<BadInputEdgeFixture>
{
    [Fact]
    public async Task Thousands_of_malformed_requests_get_a_4xx_or_a_closed_connection_and_never_reach_the_backend()
    {
        var baseline = fixture.BackendCalls;
        var outcomes = new ConcurrentDictionary<string, int>();

        await MalformedRequestGen.For(fixture.Host).SampleAsync(async request =>
        {
            var before = fixture.BackendCalls;
            var response = await RawHttpExchange.SendAsync(fixture.Port, request.Bytes, TimeSpan.FromSeconds(5));
            Assert.False(response.TimedOut, $"no answer within 5 s: {response}");
            Assert.True(response.Status is null or (>= 400 and < 500), $"answered {response}");
            Assert.True(before == fixture.BackendCalls, $"the backend was called; answered {response}");
            outcomes.AddOrUpdate($"{request.Kind} → {response.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "closed"}", 1, (_, n) => n + 1);
        }, writeLine: output.WriteLine, time: 20, threads: 1, print: r => r.ToString());

        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{count,6}  {outcome}");
        }
        Assert.True(outcomes.Values.Sum() >= 1_000, $"only {outcomes.Values.Sum()} requests in 20 s");
        Assert.Equal(baseline, fixture.BackendCalls);
    }
}
