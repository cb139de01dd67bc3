using System.Text.RegularExpressions;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.V2;

/// <summary>Guards on apigatewayv2 identifiers and members, so bad input is a 400/404 before a grain activates.</summary>
internal static partial class V2Input
{
    /// <summary>The API id from the URL, or 404.</summary>
    public static string ApiId(string apiId) =>
        IdPattern().IsMatch(apiId) ? apiId : throw ManagementException.NotFound($"Invalid API identifier specified {apiId}");

    /// <summary>A route, integration or deployment id from the URL, or 404.</summary>
    public static string ResourceId(string id, string what) =>
        IdPattern().IsMatch(id) ? id : throw ManagementException.NotFound($"Invalid {what} identifier specified {id}");

    /// <summary>A required member, or 400 BadRequestException as apigatewayv2 answers.</summary>
    public static string Required(string? value, string member, int maximumLength = 1024) =>
        value switch
        {
            null or "" => throw ManagementException.BadRequest($"{member} is required."),
            { Length: var length } when length > maximumLength => throw ManagementException.BadRequest($"{member} must be at most {maximumLength} characters."),
            _ => value,
        };

    /// <summary>An optional member bounded in length.</summary>
    public static string? Optional(string? value, string member, int maximumLength = 1024) =>
        ManagementInput.Bounded(value, maximumLength, member);

    /// <summary>Tags or stage variables: at most 50 entries of bounded size.</summary>
    public static IReadOnlyDictionary<string, string> Map(Dictionary<string, string>? map, string member)
    {
        if (map is null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        if (map.Count > 50 || map.Any(entry => entry.Key.Length is 0 or > 128 || entry.Value.Length > 2048))
        {
            throw ManagementException.BadRequest($"Invalid {member}: at most 50 entries, keys 1-128 and values up to 2048 characters.");
        }
        return new Dictionary<string, string>(map, StringComparer.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
