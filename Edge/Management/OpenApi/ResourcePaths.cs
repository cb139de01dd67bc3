using System.Text.RegularExpressions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Validates OpenAPI path keys against API Gateway's resource rules and splits them into segments:
/// literal segments of letters, digits and <c>_ - . , :</c>, or a parameter filling a whole segment
/// (<c>{id}</c>, or the greedy <c>{proxy+}</c> in last position).
/// </summary>
internal static partial class ResourcePaths
{
    public static IReadOnlyList<string> Segments(string path, string location)
    {
        if (!path.StartsWith('/'))
        {
            throw ImportJson.Error(location, "a path must start with '/'");
        }
        // "/pets/" names the same resource as "/pets"; API Gateway has no trailing-slash resources.
        var trimmed = path.Length > 1 && path.EndsWith('/') ? path[1..^1] : path[1..];
        if (trimmed.Length == 0)
        {
            return [];
        }
        var segments = trimmed.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                throw ImportJson.Error(location, "the path has an empty segment ('//')");
            }
            if (ParameterSegment().IsMatch(segment))
            {
                if (segment.EndsWith("+}", StringComparison.Ordinal) && i != segments.Length - 1)
                {
                    throw ImportJson.Error(location, $"the greedy parameter '{segment}' must be the last segment of the path");
                }
                continue;
            }
            if (segment.Contains('{') || segment.Contains('}'))
            {
                throw ImportJson.Error(location,
                    $"segment '{segment}' holds a path parameter that is not a whole segment; API Gateway needs a parameter to fill its segment, as in /pets/{{id}}");
            }
            var bad = segment.AsSpan().IndexOfAnyExcept(AllowedLiteralCharacters);
            if (bad >= 0)
            {
                throw ImportJson.Error(location,
                    $"segment '{segment}' contains '{segment[bad]}', which API Gateway rejects in a path (allowed: letters, digits, _ - . , : and a whole-segment {{parameter}})");
            }
        }
        return segments;
    }

    public static string Join(IEnumerable<string> segments) => "/" + string.Join('/', segments);

    public static bool IsParameter(string segment) => segment.StartsWith('{');

    private static readonly System.Buffers.SearchValues<char> AllowedLiteralCharacters = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,:");

    [GeneratedRegex(@"^\{[A-Za-z0-9_.\-]+\+?\}$")]
    private static partial Regex ParameterSegment();
}
