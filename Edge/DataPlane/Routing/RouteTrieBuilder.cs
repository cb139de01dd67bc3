using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Routing;

/// <summary>Builds a <see cref="RouteTrie"/> from compiled resources; runs when a stage is compiled, never per request.</summary>
internal sealed class RouteTrieBuilder
{
    private static readonly FrozenDictionary<string, RouteNode> NoLiterals =
        new Dictionary<string, RouteNode>().ToFrozenDictionary(StringComparer.Ordinal);

    private readonly Node _root = new();

    /// <summary>Adds a resource; false if another resource already has the same shape.</summary>
    public bool Add(CompiledResource resource)
    {
        var node = _root;
        foreach (var segment in resource.Segments)
        {
            switch (segment.Kind)
            {
                case ResourcePathSegmentKind.Literal:
                    if (!node.Literals.TryGetValue(segment.Text, out var child))
                    {
                        child = new Node();
                        node.Literals.Add(segment.Text, child);
                    }
                    node = child;
                    break;
                case ResourcePathSegmentKind.Parameter:
                    node = node.Parameter ??= new Node();
                    break;
                default:
                    if (node.Greedy is not null)
                    {
                        return false;
                    }
                    node.Greedy = resource;
                    return true;
            }
        }
        if (node.Resource is not null)
        {
            return false;
        }
        node.Resource = resource;
        return true;
    }

    /// <summary>Freezes the trie.</summary>
    public RouteTrie Build() => new(Freeze(_root));

    private static RouteNode Freeze(Node node) => new(
        node.Literals.Count == 0
            ? NoLiterals
            : node.Literals.ToFrozenDictionary(pair => pair.Key, pair => Freeze(pair.Value), StringComparer.Ordinal),
        node.Parameter is null ? null : Freeze(node.Parameter),
        node.Greedy,
        node.Resource);

    private sealed class Node
    {
        public Dictionary<string, Node> Literals { get; } = new(StringComparer.Ordinal);

        public Node? Parameter { get; set; }

        public CompiledResource? Greedy { get; set; }

        public CompiledResource? Resource { get; set; }
    }
}
