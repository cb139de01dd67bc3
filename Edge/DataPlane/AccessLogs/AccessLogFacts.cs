using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>What the access log knows about one completed request, besides the request itself.</summary>
/// <param name="Context">The request.</param>
/// <param name="Request">The data plane's view of it (matched a stage).</param>
/// <param name="Status">The status sent.</param>
/// <param name="ResponseLength">Response body bytes written.</param>
/// <param name="LatencyMilliseconds">From the access-log middleware's start to the end of the response.</param>
/// <param name="AccountId">The gateway's account (<c>$context.accountId</c>).</param>
internal readonly record struct AccessLogFacts(
    HttpContext Context, ExecuteApiRequest Request, int Status, long ResponseLength, long LatencyMilliseconds, string AccountId);
