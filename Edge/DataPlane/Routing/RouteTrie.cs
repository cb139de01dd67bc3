namespace OrleansGateway.Edge.DataPlane.Routing;

/// <summary>
/// The compiled router of one stage: a segment trie over resource templates. Matching prefers a
/// literal segment over <c>{param}</c> over <c>{proxy+}</c> and backtracks to a less specific
/// branch only when the more specific one cannot match the rest of the path or has no method for
/// the request, as API Gateway does. Its cost depends on the path, not on the number of routes.
/// </summary>
internal sealed class RouteTrie
{
    /// <summary>Most path segments (after the stage) a request may have.</summary>
    public const int MaxSegments = 128;

    /// <summary>
    /// Most trie nodes one match may visit. Backtracking is exponential in the worst case
    /// (a literal and a parameter branch at every level); the cap bounds a hostile path's cost.
    /// </summary>
    public const int MaxSteps = 4096;

    private readonly RouteNode _root;

    public RouteTrie(RouteNode root) => _root = root;

    /// <summary>Finds the method serving <paramref name="httpMethod"/> on <paramref name="resourcePath"/>.</summary>
    /// <param name="httpMethod">Upper-case request method.</param>
    /// <param name="resourcePath">
    /// The request path after the stage, already URL-decoded by the server except for <c>%2F</c>;
    /// empty or <c>/</c> for the root. One trailing <c>/</c> is ignored.
    /// </param>
    /// <param name="match">The matched method and path parameter values.</param>
    public RouteMatchStatus TryMatch(string httpMethod, ReadOnlySpan<char> resourcePath, out RouteMatch match)
    {
        match = default;
        if (resourcePath.Length > 0 && resourcePath[^1] == '/')
        {
            resourcePath = resourcePath[..^1];
        }

        // Ranges live on the stack: splitting the path allocates nothing.
        Span<Range> segments = stackalloc Range[MaxSegments];
        var count = 0;
        if (resourcePath.Length > 0)
        {
            var position = resourcePath[0] == '/' ? 1 : 0;
            while (true)
            {
                if (count == MaxSegments)
                {
                    return RouteMatchStatus.TooManySegments;
                }
                var next = resourcePath[position..].IndexOf('/');
                if (next < 0)
                {
                    segments[count++] = new Range(position, resourcePath.Length);
                    break;
                }
                segments[count++] = new Range(position, position + next);
                position += next + 1;
            }
        }

        var steps = 0;
        var found = Match(_root, httpMethod, resourcePath, segments[..count], 0, ref steps);
        if (found is null)
        {
            return RouteMatchStatus.NotFound;
        }

        match = new RouteMatch(found, ReadParameters(found.Resource, resourcePath, segments[..count]));
        return RouteMatchStatus.Matched;
    }

    private static CompiledMethod? Match(
        RouteNode node, string httpMethod, ReadOnlySpan<char> path, ReadOnlySpan<Range> segments, int index, ref int steps)
    {
        if (++steps > MaxSteps)
        {
            return default;
        }
        if (index == segments.Length)
        {
            return node.Resource?.FindMethod(httpMethod);
        }

        var segment = path[segments[index]];
        if (node.HasLiterals && node.TryGetLiteral(segment, out var literal))
        {
            var found = Match(literal, httpMethod, path, segments, index + 1, ref steps);
            if (found is not null)
            {
                return found;
            }
        }
        if (node.Parameter is not null && !segment.IsEmpty)
        {
            var found = Match(node.Parameter, httpMethod, path, segments, index + 1, ref steps);
            if (found is not null)
            {
                return found;
            }
        }
        if (node.Greedy is not null && !segment.IsEmpty)
        {
            return node.Greedy.FindMethod(httpMethod);
        }
        return default;
    }

    private static string[] ReadParameters(CompiledResource resource, ReadOnlySpan<char> path, ReadOnlySpan<Range> segments)
    {
        var indexes = resource.ParameterSegmentIndexes;
        if (indexes.Length == 0)
        {
            return [];
        }
        var values = new string[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            var segment = segments[indexes[i]];
            var text = i == resource.GreedyParameterIndex
                ? path[segment.Start.Value..]
                : path[segment];
            values[i] = DecodeSegment(text);
        }
        return values;
    }

    // The server has decoded every escape except %2F (so that an encoded slash cannot change how
    // the path splits); a parameter's value is the fully decoded text, as in API Gateway.
    private static string DecodeSegment(ReadOnlySpan<char> text) =>
        text.Contains('%')
            ? text.ToString().Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)
            : text.ToString();
}
