namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Told about every recorded management call after it is in the trail (configuration history, change
/// events). A listener's failure is logged and never changes the call's answer.
/// </summary>
public interface IManagementCallListener
{
    /// <summary>Handles one call; keep it short, the caller's answer waits for it.</summary>
    ValueTask OnCallAsync(ManagementCall call, CancellationToken cancellationToken);
}
