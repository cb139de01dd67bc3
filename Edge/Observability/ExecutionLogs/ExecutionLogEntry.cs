namespace OrleansGateway.Edge.Observability.ExecutionLogs;

/// <summary>
/// What one request's execution log says, copied off the request when it completed (secrets
/// already masked) so the writer formats it off the request path.
/// </summary>
internal sealed record ExecutionLogEntry(
    string ApiId,
    string Stage,
    string RequestId,
    string ExtendedRequestId,
    DateTimeOffset RequestTime,
    string HttpMethod,
    string ResourcePath,
    IReadOnlyDictionary<string, string> PathParameters,
    string QueryString,
    int Status,
    string? ErrorType,
    string? ErrorMessage,
    string? EndpointUri,
    double? IntegrationLatencyMilliseconds,
    double LatencyMilliseconds,
    ExecutionDataTrace? Data)
{
    /// <summary>True when the request ended in an error: the only entries a stage at ERROR writes.</summary>
    public bool IsError => Status >= 400;
}

/// <summary>The full request and response of a method with <c>dataTraceEnabled</c>, masked and cut at the body limit.</summary>
internal sealed record ExecutionDataTrace(
    string RequestHeaders,
    string? RequestBody,
    bool RequestBodyTruncated,
    string ResponseHeaders,
    string? ResponseBody,
    bool ResponseBodyTruncated);
