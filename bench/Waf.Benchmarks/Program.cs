using BenchmarkDotNet.Running;

namespace OrleansGateway.Waf.Benchmarks;

/// <summary>
/// Runs the WAF benchmarks:
/// <c>dotnet run -c Release --project bench/Waf.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    /// <summary>Entry point; the arguments are BenchmarkDotNet's (<c>--filter</c>, <c>--list flat</c>, ...).</summary>
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new ShortRunConfig());
}
