using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.Observability.Metrics;

/// <summary>
/// API Gateway's own metric names (namespace <c>AWS/ApiGateway</c>) on the meter
/// <c>OrleansGateway.ApiGateway</c>: <c>Count</c>, <c>4XXError</c>, <c>5XXError</c>, <c>Latency</c>,
/// <c>IntegrationLatency</c>, dimensioned by
/// <c>ApiId</c> and <c>Stage</c>, plus <c>Resource</c> and <c>Method</c> when the method's
/// <c>metricsEnabled</c> is on. Instruments are created once; a request records with a
/// stack-only <see cref="TagList"/> of strings it already holds. <c>CacheHitCount</c> and
/// <c>CacheMissCount</c> are not emitted at all: there is no stage response cache, and a series that
/// is always 0 would tell a dashboard the cache never hits.
/// </summary>
internal sealed class ApiGatewayMetrics
{
    /// <summary>The meter's name, for exporters to subscribe to.</summary>
    public const string MeterName = "OrleansGateway.ApiGateway";

    /// <summary>Prefix of every instrument: Prometheus shows <c>aws_apigateway_Count_total</c>.</summary>
    public const string Prefix = "aws.apigateway.";

    private readonly Counter<long> _count;
    private readonly Counter<long> _clientErrors;
    private readonly Counter<long> _serverErrors;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _integrationLatency;

    public ApiGatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _count = meter.CreateCounter<long>(Prefix + "Count", "{request}", "API requests (AWS/ApiGateway Count).");
        // Every request adds 0 or 1, as CloudWatch's 0/1 samples: the error rate is 4XXError / Count.
        _clientErrors = meter.CreateCounter<long>(Prefix + "4XXError", "{request}", "Requests answered 4xx (AWS/ApiGateway 4XXError).");
        _serverErrors = meter.CreateCounter<long>(Prefix + "5XXError", "{request}", "Requests answered 5xx (AWS/ApiGateway 5XXError).");
        _latency = meter.CreateHistogram<double>(Prefix + "Latency", "ms", "From receiving the request to the end of the response (AWS/ApiGateway Latency).");
        _integrationLatency = meter.CreateHistogram<double>(Prefix + "IntegrationLatency", "ms", "Time spent in the integration (AWS/ApiGateway IntegrationLatency).");
    }

    /// <summary>True when some exporter listens: without one a request skips building tags.</summary>
    public bool Enabled => _count.Enabled;

    /// <summary>Records one completed request that matched a stage.</summary>
    public void RequestCompleted(ExecuteApiRequest request, int status, double latencyMilliseconds)
    {
        var tags = TagsOf(request);
        _count.Add(1, in tags);
        _clientErrors.Add(status is >= 400 and < 500 ? 1 : 0, in tags);
        _serverErrors.Add(status >= 500 ? 1 : 0, in tags);
        _latency.Record(latencyMilliseconds, in tags);
    }

    /// <summary>Records the time one integration took.</summary>
    public void IntegrationCompleted(ExecuteApiRequest request, double latencyMilliseconds)
    {
        if (_integrationLatency.Enabled)
        {
            var tags = TagsOf(request);
            _integrationLatency.Record(latencyMilliseconds, in tags);
        }
    }

    private static TagList TagsOf(ExecuteApiRequest request)
    {
        var tags = new TagList
        {
            { "ApiId", request.ApiId },
            { "Stage", request.StageName },
        };
        if (request.Method is { Observability.DetailedMetrics: true } method)
        {
            tags.Add("Resource", method.Resource.Path);
            tags.Add("Method", method.HttpMethod);
        }
        return tags;
    }
}
