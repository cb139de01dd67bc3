using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrleansGateway.Waf.Benchmarks;

/// <summary>
/// In-process (no generated project to build), 5 warm-up and 20 measured iterations, allocations
/// per operation, the P95 column: the whole run takes about a minute on a small shared machine.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    /// <summary>Creates the configuration on top of BenchmarkDotNet's defaults.</summary>
    public ShortRunConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(5)
            .WithIterationCount(20)
            .WithId("InProcess20"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.P95);
    }
}
