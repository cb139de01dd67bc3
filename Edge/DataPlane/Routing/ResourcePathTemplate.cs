namespace OrleansGateway.Edge.DataPlane.Routing;

/// <summary>One segment of a resource path template: a literal, <c>{name}</c> or greedy <c>{name+}</c>.</summary>
internal readonly record struct ResourcePathSegment(ResourcePathSegmentKind Kind, string Text);

/// <summary>What a resource path segment matches.</summary>
internal enum ResourcePathSegmentKind
{
    /// <summary>Exactly this text.</summary>
    Literal,
    /// <summary>Any one non-empty segment.</summary>
    Parameter,
    /// <summary>One or more segments to the end of the path; always last.</summary>
    Greedy,
}

/// <summary>Parses resource path templates such as <c>/pets/{petId}</c> or <c>/{proxy+}</c>.</summary>
internal static class ResourcePathTemplate
{
    /// <summary>Splits <paramref name="path"/> into segments; false if it is not a valid template.</summary>
    public static bool TryParse(string path, out ResourcePathSegment[] segments)
    {
        segments = [];
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            return false;
        }
        var trimmed = path.AsSpan(1).TrimEnd('/');
        if (trimmed.IsEmpty)
        {
            return true;
        }

        var parts = trimmed.ToString().Split('/');
        var result = new ResourcePathSegment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                return false;
            }
            if (part[0] == '{' || part[^1] == '}')
            {
                if (part.Length < 3 || part[0] != '{' || part[^1] != '}')
                {
                    return false;
                }
                var name = part[1..^1];
                var greedy = name.EndsWith('+');
                if (greedy)
                {
                    name = name[..^1];
                }
                if (name.Length == 0 || name.AsSpan().ContainsAny('{', '}', '+') || (greedy && i != parts.Length - 1))
                {
                    return false;
                }
                result[i] = new(greedy ? ResourcePathSegmentKind.Greedy : ResourcePathSegmentKind.Parameter, name);
            }
            else
            {
                result[i] = new(ResourcePathSegmentKind.Literal, part);
            }
        }
        segments = result;
        return true;
    }
}
