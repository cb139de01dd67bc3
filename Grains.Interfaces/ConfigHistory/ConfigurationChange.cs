namespace OrleansGateway.Grains.Interfaces.ConfigHistory;

/// <summary>A change to record: the resource, its state after the call (null when deleted) and the call.</summary>
/// <param name="ResourceType">E.g. <c>AWS::ApiGateway::RestApi</c>.</param>
/// <param name="ResourceId">The resource's id.</param>
/// <param name="Configuration">The state after the change as JSON; null when the call deleted it.</param>
/// <param name="CaptureTime">When the call happened.</param>
/// <param name="EventName">The operation.</param>
/// <param name="EventId">The audit record's event id.</param>
[GenerateSerializer, Immutable, Alias("og.ConfigurationChange")]
public sealed record ConfigurationChange(
    [property: Id(0)] string ResourceType,
    [property: Id(1)] string ResourceId,
    [property: Id(2)] string? Configuration,
    [property: Id(3)] DateTimeOffset CaptureTime,
    [property: Id(4)] string EventName,
    [property: Id(5)] string EventId)
{
    /// <summary>The history grain's key for this resource.</summary>
    public string Key => IConfigHistoryGrain.KeyFor(ResourceType, ResourceId);
}
