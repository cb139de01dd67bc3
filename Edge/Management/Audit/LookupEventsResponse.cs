namespace OrleansGateway.Edge.Management.Audit;

/// <summary>CloudTrail's LookupEvents answer.</summary>
/// <param name="Events">Matching events, newest first.</param>
/// <param name="NextToken">Where the next page starts; null on the last page.</param>
public sealed record LookupEventsResponse(IReadOnlyList<CloudTrailEventSummary> Events, string? NextToken);

/// <summary>One event in CloudTrail's LookupEvents shape.</summary>
/// <param name="EventId">The event id.</param>
/// <param name="EventName">The operation.</param>
/// <param name="ReadOnly"><c>"true"</c> or <c>"false"</c> (a string, as CloudTrail answers).</param>
/// <param name="AccessKeyId">The signer's access key id.</param>
/// <param name="EventTime">Seconds since the epoch.</param>
/// <param name="EventSource">The service.</param>
/// <param name="Username">The signer's user name.</param>
/// <param name="Resources">The resources acted on.</param>
/// <param name="CloudTrailEvent">The whole record as a JSON string.</param>
public sealed record CloudTrailEventSummary(
    string EventId,
    string EventName,
    string ReadOnly,
    string AccessKeyId,
    double EventTime,
    string EventSource,
    string Username,
    IReadOnlyList<CloudTrailResource> Resources,
    string CloudTrailEvent);

/// <summary>A resource in CloudTrail's LookupEvents shape.</summary>
/// <param name="ResourceType">E.g. <c>AWS::ApiGateway::RestApi</c>.</param>
/// <param name="ResourceName">The resource's id.</param>
public sealed record CloudTrailResource(string ResourceType, string ResourceName);
