using System.Globalization;
using System.Text;

namespace OrleansGateway.Edge.Observability.ExecutionLogs;

/// <summary>
/// Writes queued execution-log entries through <see cref="ILogger"/> (category
/// <c>OrleansGateway.ExecutionLog</c>), one event per request whose message has API Gateway's
/// execution-log lines, each prefixed with the request id as CloudWatch shows them.
/// </summary>
internal sealed partial class ExecutionLogWriter(ExecutionLogQueue queue, ILoggerFactory loggers) : BackgroundService
{
    /// <summary>The logger category of execution logs.</summary>
    public const string Category = "OrleansGateway.ExecutionLog";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Drains what was queued before shutdown, then ends when the queue is completed.
        await foreach (var entry in queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            Log.Entry(_logger, entry.IsError ? LogLevel.Error : LogLevel.Information,
                entry.ApiId, entry.Stage, entry.RequestId, entry.Status, Format(entry));
        }
    }

    /// <summary>API Gateway's execution-log lines for <paramref name="entry"/>.</summary>
    public static string Format(ExecutionLogEntry entry)
    {
        var text = new StringBuilder();
        var prefix = "(" + entry.RequestId + ") ";
        void Line(string line) => text.Append(prefix).Append(line).Append('\n');

        Line("Extended Request Id: " + entry.ExtendedRequestId);
        Line("Starting execution for request: " + entry.RequestId);
        Line($"HTTP Method: {entry.HttpMethod}, Resource Path: {entry.ResourcePath}");
        Line("Method request path: {" + string.Join(", ", entry.PathParameters.Select(p => p.Key + "=" + p.Value)) + "}");
        Line("Method request query string: " + entry.QueryString);
        if (entry.Data is { } data)
        {
            Line("Method request headers: " + data.RequestHeaders);
            Line("Method request body before transformations: " + Body(data.RequestBody, data.RequestBodyTruncated));
        }
        if (entry.EndpointUri is { } endpoint)
        {
            Line("Endpoint request URI: " + endpoint);
        }
        if (entry.IntegrationLatencyMilliseconds is { } integration)
        {
            Line("Received response. Integration latency: " + integration.ToString("0", CultureInfo.InvariantCulture) + " ms");
        }
        if (entry.Data is { } response)
        {
            Line("Method response body after transformations: " + Body(response.ResponseBody, response.ResponseBodyTruncated));
            Line("Method response headers: " + response.ResponseHeaders);
        }
        if (entry.ErrorType is { } error)
        {
            Line($"Execution failed due to {error}: {entry.ErrorMessage}");
        }
        else if (!entry.IsError)
        {
            Line("Successfully completed execution");
        }
        Line("Method completed with status: " + entry.Status.ToString(CultureInfo.InvariantCulture));
        return text.ToString(0, text.Length - 1);
    }

    private static string Body(string? body, bool truncated) =>
        (body ?? "") + (truncated ? " [TRUNCATED]" : "");

    private static partial class Log
    {
        [LoggerMessage(EventId = 7201, Message = "API {ApiId} stage {Stage} request {RequestId} completed {Status}\n{ExecutionLog}")]
        public static partial void Entry(ILogger logger, LogLevel level, string apiId, string stage, string requestId, int status, string executionLog);
    }
}
