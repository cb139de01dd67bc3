using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Routing;

/// <summary>
/// One node of the frozen routing trie. Children are looked up by hash, so the cost of a step
/// does not depend on how many siblings a segment has; the span lookup avoids allocating a
/// string per path segment.
/// </summary>
internal sealed class RouteNode
{
    private readonly FrozenDictionary<string, RouteNode>.AlternateLookup<ReadOnlySpan<char>> _literals;

    public RouteNode(
        FrozenDictionary<string, RouteNode> literals,
        RouteNode? parameter,
        CompiledResource? greedy,
        CompiledResource? resource)
    {
        _literals = literals.GetAlternateLookup<ReadOnlySpan<char>>();
        HasLiterals = literals.Count > 0;
        Parameter = parameter;
        Greedy = greedy;
        Resource = resource;
    }

    /// <summary>Whether any literal child exists (skips the hash when none does).</summary>
    public bool HasLiterals { get; }

    /// <summary>The <c>{param}</c> child, if any.</summary>
    public RouteNode? Parameter { get; }

    /// <summary>The <c>{name+}</c> child resource, if any; greedy resources are always leaves.</summary>
    public CompiledResource? Greedy { get; }

    /// <summary>The resource whose path ends at this node, if any.</summary>
    public CompiledResource? Resource { get; }

    /// <summary>The literal child for <paramref name="segment"/>.</summary>
    public bool TryGetLiteral(ReadOnlySpan<char> segment, out RouteNode child) =>
        _literals.TryGetValue(segment, out child!);
}
