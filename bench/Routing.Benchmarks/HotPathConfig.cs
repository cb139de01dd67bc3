using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Mathematics.OutlierDetection;

namespace OrleansGateway.Routing.Benchmarks;

/// <summary>
/// The configuration every benchmark here runs with: in-process (no generated project to build,
/// so a run takes minutes, not tens of minutes, on a small machine), 40 measured iterations (enough
/// for a 99th percentile that is not just the maximum of a handful), allocations per operation, and
/// the P99 column. Slow iterations are kept rather than removed as outliers (BenchmarkDotNet's
/// default drops them): the tail is what P99 is about, so dropping it would flatter the result.
/// </summary>
public sealed class HotPathConfig : ManualConfig
{
    /// <summary>Measured iterations per benchmark case.</summary>
    public const int Iterations = 40;

    /// <summary>Creates the configuration on top of BenchmarkDotNet's defaults (exporters, loggers, default columns).</summary>
    public HotPathConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(6)
            .WithIterationCount(Iterations)
            .WithOutlierMode(OutlierMode.DontRemove)
            .WithId("InProcess40"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(PercentileColumn.P99);
    }
}
