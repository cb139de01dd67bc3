using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace OrleansGateway.Tests.Cluster;

/// <summary>
/// Sends requests at a fixed total rate, round-robin over edges, without waiting for answers
/// (open-loop, like real clients), and records when each was sent and what came back.
/// </summary>
internal sealed class PacedLoad
{
    private readonly ConcurrentBag<Outcome> _outcomes = [];

    public IReadOnlyCollection<Outcome> Outcomes => _outcomes;

    public int Count(HttpStatusCode status) => _outcomes.Count(o => o.Status == status);

    public int CountBody(HttpStatusCode status, string bodyFragment) =>
        _outcomes.Count(o => o.Status == status && o.Body.Contains(bodyFragment, StringComparison.Ordinal));

    /// <summary>Requests answered 200 that were sent in [<paramref name="from"/>, <paramref name="to"/>) after the start.</summary>
    public int AdmittedBetween(TimeSpan from, TimeSpan to) =>
        _outcomes.Count(o => o.Status == HttpStatusCode.OK && o.SentAt >= from && o.SentAt < to);

    /// <summary>
    /// Runs until <paramref name="duration"/> has passed (an empty <paramref name="apiKey"/> sends none); <paramref name="liveEdges"/> is consulted
    /// per request, so a test can take an edge out of rotation while it runs.
    /// </summary>
    public async Task RunAsync(
        LocalCluster cluster, Func<IReadOnlyList<int>> liveEdges, string apiId, string path, string apiKey,
        double requestsPerSecond, TimeSpan duration, Func<TimeSpan, Task>? during = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1 / requestsPerSecond);
        var inFlight = new List<Task>();
        var sent = 0L;
        var hook = during is null ? Task.CompletedTask : during(duration);
        while (clock.Elapsed < duration)
        {
            var due = interval * sent;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            var edges = liveEdges();
            var edge = edges[(int)(sent % edges.Count)];
            inFlight.Add(SendOneAsync(cluster, http, edge, apiId, path, apiKey, clock));
            sent++;
        }
        await Task.WhenAll(inFlight);
        await hook;
    }

    private async Task SendOneAsync(LocalCluster cluster, HttpClient http, int edge, string apiId, string path, string apiKey, Stopwatch clock)
    {
        var sentAt = clock.Elapsed;
        try
        {
            using var request = cluster.DataPlaneRequest(edge, apiId, path);
            if (apiKey.Length > 0)
            {
                request.Headers.Add("x-api-key", apiKey);
            }
            using var response = await http.SendAsync(request);
            _outcomes.Add(new Outcome(sentAt, edge, response.StatusCode, await response.Content.ReadAsStringAsync(),
                response.Headers.RetryAfter?.Delta));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _outcomes.Add(new Outcome(sentAt, edge, 0, ex.GetType().Name, null));
        }
    }

    public sealed record Outcome(TimeSpan SentAt, int Edge, HttpStatusCode Status, string Body, TimeSpan? RetryAfter);
}
