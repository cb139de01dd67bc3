using System.Runtime.CompilerServices;

// The WAF benchmark drives the engine's internal evaluation directly (bench/Waf.Benchmarks).
[assembly: InternalsVisibleTo("OrleansGateway.Waf.Benchmarks")]
