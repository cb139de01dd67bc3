using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.Routing;

/// <summary>A resource of a compiled stage: its template, path-parameter slots and methods.</summary>
internal sealed class CompiledResource
{
    /// <summary>The sentinel for "no greedy parameter".</summary>
    public const int NoGreedyParameter = -1;

    private FrozenDictionary<string, CompiledMethod> _methods = FrozenDictionary<string, CompiledMethod>.Empty;
    private CompiledMethod? _any;

    public CompiledResource(string path, string resourceId, ResourcePathSegment[] segments)
    {
        Path = path;
        ResourceId = resourceId;
        Segments = segments;
        var names = new List<string>();
        var positions = new List<int>();
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Kind == ResourcePathSegmentKind.Literal)
            {
                continue;
            }
            if (segments[i].Kind == ResourcePathSegmentKind.Greedy)
            {
                GreedyParameterIndex = names.Count;
            }
            names.Add(segments[i].Text);
            positions.Add(i);
        }
        ParameterNames = [.. names];
        ParameterSegmentIndexes = [.. positions];
    }

    /// <summary>The template as defined, e.g. <c>/pets/{petId}</c>.</summary>
    public string Path { get; }

    /// <summary>API Gateway's resource id (derived from API id and path).</summary>
    public string ResourceId { get; }

    /// <summary>The parsed template.</summary>
    public ResourcePathSegment[] Segments { get; }

    /// <summary>Names of the path parameters, in path order.</summary>
    public string[] ParameterNames { get; }

    /// <summary>For each parameter, the index of its segment in the path.</summary>
    public int[] ParameterSegmentIndexes { get; }

    /// <summary>Index in <see cref="ParameterNames"/> of the greedy parameter, or <see cref="NoGreedyParameter"/>.</summary>
    public int GreedyParameterIndex { get; } = NoGreedyParameter;

    /// <summary>The parameter slot of <paramref name="name"/>, or -1.</summary>
    public int IndexOfParameter(string name) => Array.IndexOf(ParameterNames, name);

    /// <summary>Installs the compiled methods; called once while the stage is compiled.</summary>
    public void SetMethods(IEnumerable<CompiledMethod> methods)
    {
        _methods = methods.ToFrozenDictionary(m => m.HttpMethod, StringComparer.Ordinal);
        _methods.TryGetValue("ANY", out _any);
    }

    /// <summary>The method for <paramref name="httpMethod"/>, falling back to <c>ANY</c>.</summary>
    public CompiledMethod? FindMethod(string httpMethod) =>
        _methods.TryGetValue(httpMethod, out var method) ? method : _any;
}
