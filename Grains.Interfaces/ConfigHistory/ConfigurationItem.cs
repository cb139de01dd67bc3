namespace OrleansGateway.Grains.Interfaces.ConfigHistory;

/// <summary>
/// One recorded state of a resource, as AWS Config's <c>ConfigurationItem</c>, with the state before
/// the change alongside.
/// </summary>
/// <param name="ResourceType">E.g. <c>AWS::ApiGateway::Stage</c>.</param>
/// <param name="ResourceId">E.g. <c>a1b2c3/prod</c>.</param>
/// <param name="CaptureTime">When the change was recorded.</param>
/// <param name="Status"><c>ResourceDiscovered</c> (first item), <c>OK</c> (changed) or <c>ResourceDeleted</c>.</param>
/// <param name="StateId">Increases by one per item of this resource.</param>
/// <param name="Configuration">The state after the change as JSON; null once deleted.</param>
/// <param name="PreviousConfiguration">The state before the change as JSON; null when not known (first item).</param>
/// <param name="EventName">The management operation that made the change.</param>
/// <param name="EventId">The audit record of that operation.</param>
[GenerateSerializer, Immutable, Alias("og.ConfigurationItem")]
public sealed record ConfigurationItem(
    [property: Id(0)] string ResourceType,
    [property: Id(1)] string ResourceId,
    [property: Id(2)] DateTimeOffset CaptureTime,
    [property: Id(3)] string Status,
    [property: Id(4)] long StateId,
    [property: Id(5)] string? Configuration,
    [property: Id(6)] string? PreviousConfiguration,
    [property: Id(7)] string EventName,
    [property: Id(8)] string EventId);
