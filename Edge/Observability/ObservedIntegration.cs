using OrleansGateway.Edge.Observability.ExecutionLogs;

namespace OrleansGateway.Edge.Observability;

/// <summary>
/// What <see cref="IntegrationObservationMiddleware"/> learned about the integration, for the
/// execution log that <see cref="ApiObservabilityMiddleware"/> writes when the request ends. Set as
/// a request feature only for methods with an execution log.
/// </summary>
internal sealed class ObservedIntegration
{
    /// <summary>How long the integration took.</summary>
    public double? LatencyMilliseconds { get; set; }

    /// <summary>The backend URI called, if any.</summary>
    public string? EndpointUri { get; set; }

    /// <summary>The response body copy, with <c>dataTraceEnabled</c>.</summary>
    public BodyCaptureStream? ResponseCapture { get; set; }

    /// <summary>True when the request body was buffered so the log can read it back.</summary>
    public bool RequestBodyBuffered { get; set; }
}
