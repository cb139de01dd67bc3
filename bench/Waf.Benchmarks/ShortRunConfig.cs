using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrleansGateway.Waf.Benchmarks;

/// <summary>
/// In-process (no generated project to build), 10 warm-up (tiered JIT settles slowly on a busy
/// 2-core machine; with 5 the first benchmark measured JIT work) and 15 measured iterations, allocations
/// per operation, the P95 and Min columns: the whole run takes a few minutes on a small shared machine.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    /// <summary>Creates the configuration on top of BenchmarkDotNet's defaults.</summary>
    public ShortRunConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(10)
            .WithIterationCount(15)
            .WithId("InProcess15"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.P95);
        // Other engineers' builds share the 2 cores: the minimum is the figure least disturbed by them.
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Min);
    }
}
