namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// Every remote grain call the leases and the usage recorder make, and every admitted request the
/// recorder counted, process-wide. The benchmark prints "grain calls per 1,000 admitted requests"
/// from it: the number that shows the per-request path does not call the cluster.
/// </summary>
public static class LeaseCallCounter
{
    private static long s_throttleCalls;
    private static long s_quotaCalls;
    private static long s_meterFlushes;
    private static long s_admittedRecorded;

    /// <summary>Calls to throttle grains.</summary>
    public static long ThrottleCalls => Interlocked.Read(ref s_throttleCalls);

    /// <summary>Calls to quota grains.</summary>
    public static long QuotaCalls => Interlocked.Read(ref s_quotaCalls);

    /// <summary>Batches sent to usage meter grains.</summary>
    public static long MeterFlushes => Interlocked.Read(ref s_meterFlushes);

    /// <summary>Admitted requests the usage recorder counted.</summary>
    public static long AdmittedRecorded => Interlocked.Read(ref s_admittedRecorded);

    /// <summary>All grain calls per 1,000 admitted requests (0 before any request was admitted).</summary>
    public static double GrainCallsPerThousandAdmitted()
    {
        var admitted = AdmittedRecorded;
        return admitted == 0 ? 0 : (ThrottleCalls + QuotaCalls + MeterFlushes) * 1000.0 / admitted;
    }

    internal static void CountThrottleCall() => Interlocked.Increment(ref s_throttleCalls);

    internal static void CountQuotaCall() => Interlocked.Increment(ref s_quotaCalls);

    internal static void CountMeterFlush() => Interlocked.Increment(ref s_meterFlushes);

    internal static void CountAdmitted() => Interlocked.Increment(ref s_admittedRecorded);
}
