using System.Runtime.CompilerServices;

// The routing benchmarks measure the internal trie directly, without an HTTP host around it.
[assembly: InternalsVisibleTo("OrleansGateway.Routing.Benchmarks")]
