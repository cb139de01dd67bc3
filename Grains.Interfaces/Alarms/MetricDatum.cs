namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>One edge's data-plane totals for one API stage over one 10-second bucket.</summary>
/// <param name="ApiId">The API.</param>
/// <param name="Stage">The stage.</param>
/// <param name="BucketStart">Unix seconds, a multiple of <see cref="IAlarmsGrain.BucketSeconds"/>.</param>
/// <param name="Count">Requests (Count).</param>
/// <param name="ClientErrors">4xx answers (4XXError).</param>
/// <param name="ServerErrors">5xx answers (5XXError).</param>
/// <param name="LatencySum">Sum of latencies in milliseconds (Latency).</param>
/// <param name="LatencyMin">Smallest latency.</param>
/// <param name="LatencyMax">Largest latency.</param>
[GenerateSerializer, Immutable, Alias("og.MetricDatum")]
public sealed record MetricDatum(
    [property: Id(0)] string ApiId,
    [property: Id(1)] string Stage,
    [property: Id(2)] long BucketStart,
    [property: Id(3)] long Count,
    [property: Id(4)] long ClientErrors,
    [property: Id(5)] long ServerErrors,
    [property: Id(6)] double LatencySum,
    [property: Id(7)] double LatencyMin,
    [property: Id(8)] double LatencyMax);
