namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// Counts admitted requests per plan and key for metering (GetUsage). Adds to in-memory counters
/// only; a background flush sends one batch per second to the metering grains.
/// </summary>
public interface IUsageRecorder
{
    /// <summary>Counts one admitted request of <paramref name="keyId"/> under <paramref name="planId"/>.</summary>
    void Record(string planId, string keyId);
}
