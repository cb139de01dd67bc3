using System.Diagnostics;

namespace OrleansGateway.Edge.Observability.Tracing;

/// <summary>
/// Puts the current span's W3C trace context on a backend request. The backend sees the caller's
/// trace id with the gateway's span as parent (the caller's own <c>traceparent</c> is replaced), so
/// its spans nest under the gateway's. Without a current activity (tracing not set up) the caller's
/// headers pass through unchanged.
/// </summary>
internal static class TraceContextHeaders
{
    private const string TraceParent = "traceparent";
    private const string TraceState = "tracestate";

    public static void Apply(HttpRequestMessage proxyRequest)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return;
        }
        proxyRequest.Headers.Remove(TraceParent);
        proxyRequest.Headers.Remove(TraceState);
        DistributedContextPropagator.Current.Inject(activity, proxyRequest, static (carrier, name, value) =>
        {
            if (carrier is HttpRequestMessage message && value is not null)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        });
    }
}
