using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansGateway.Edge.WebSockets;

/// <summary>
/// API Gateway's WebSocket metrics (meter <c>OrleansGateway.WebSockets</c>), tagged with
/// <c>ApiId</c> and <c>Stage</c> as CloudWatch's dimensions.
/// </summary>
internal sealed class WebSocketMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "OrleansGateway.WebSockets";

    private readonly Meter _meter;
    private readonly Counter<long> _connect;
    private readonly Counter<long> _message;
    private readonly Counter<long> _integrationError;
    private readonly Counter<long> _clientError;
    private readonly Counter<long> _executionError;
    private readonly Histogram<double> _integrationLatency;

    public WebSocketMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _connect = _meter.CreateCounter<long>("ConnectCount", description: "Messages sent to the $connect route.");
        _message = _meter.CreateCounter<long>("MessageCount", description: "Messages sent to and from the API.");
        _integrationError = _meter.CreateCounter<long>("IntegrationError", description: "Integration calls answered 4xx/5xx or unreachable.");
        _clientError = _meter.CreateCounter<long>("ClientError", description: "Requests refused with 4xx before the integration.");
        _executionError = _meter.CreateCounter<long>("ExecutionError", description: "Errors while calling the integration.");
        _integrationLatency = _meter.CreateHistogram<double>("IntegrationLatency", unit: "ms", description: "Time from request to integration response.");
    }

    public void Connect(string apiId, string stage) => _connect.Add(1, Tags(apiId, stage));

    public void Message(string apiId, string stage) => _message.Add(1, Tags(apiId, stage));

    public void IntegrationError(string apiId, string stage) => _integrationError.Add(1, Tags(apiId, stage));

    public void ClientError(string apiId, string stage) => _clientError.Add(1, Tags(apiId, stage));

    public void ExecutionError(string apiId, string stage) => _executionError.Add(1, Tags(apiId, stage));

    public void IntegrationLatency(string apiId, string stage, double milliseconds) => _integrationLatency.Record(milliseconds, Tags(apiId, stage));

    public void Dispose() => _meter.Dispose();

    private static TagList Tags(string apiId, string stage) => new() { { "ApiId", apiId }, { "Stage", stage } };
}
