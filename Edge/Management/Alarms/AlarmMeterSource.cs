using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.Management.Alarms;

/// <summary>
/// With <c>Gateway:Alarms:MetricSource=Meter</c>, feeds <see cref="AlarmMetricRecorder"/> from the
/// API Gateway metrics the observability part publishes (meter <c>OrleansGateway.ApiGateway</c>).
/// </summary>
internal sealed class AlarmMeterSource(AlarmMetricRecorder recorder, IOptions<AlarmOptions> options) : IHostedService, IDisposable
{
    /// <summary>The observability meter's name.</summary>
    public const string MeterName = "OrleansGateway.ApiGateway";

    private const string Prefix = "aws.apigateway.";

    private MeterListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.UsesMeter)
        {
            return Task.CompletedTask;
        }
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MeterName && instrument.Name is Prefix + "Count" or Prefix + "4XXError" or Prefix + "5XXError" or Prefix + "Latency")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        _listener = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _listener?.Dispose();

    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? api = null, stage = null;
        foreach (var (key, tag) in tags)
        {
            if (key == "ApiId")
            {
                api = tag as string;
            }
            else if (key == "Stage")
            {
                stage = tag as string;
            }
        }
        if (string.IsNullOrEmpty(api) || stage is null)
        {
            return;
        }
        switch (instrument[Prefix.Length..])
        {
            case "Count":
                recorder.Add(api, stage, (long)value, 0, 0, null);
                break;
            case "4XXError":
                recorder.Add(api, stage, 0, (long)value, 0, null);
                break;
            case "5XXError":
                recorder.Add(api, stage, 0, 0, (long)value, null);
                break;
            default:
                recorder.Add(api, stage, 0, 0, 0, value);
                break;
        }
    }
}
