using BenchmarkDotNet.Running;

namespace OrleansGateway.Routing.Benchmarks;

/// <summary>
/// Runs the gateway's hot-path micro-benchmarks:
/// <c>dotnet run -c Release --project bench/Routing.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    /// <summary>Entry point; the arguments are BenchmarkDotNet's (<c>--filter</c>, <c>--list flat</c>, ...).</summary>
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new HotPathConfig());
}
