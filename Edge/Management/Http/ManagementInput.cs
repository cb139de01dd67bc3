using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Http;

/// <summary>
/// Guards on identifiers taken from the URL, so a malformed or oversized id is answered at the
/// listener instead of activating a grain under an arbitrary key.
/// </summary>
internal static partial class ManagementInput
{
    /// <summary>Longest stage name API Gateway allows.</summary>
    public const int MaxStageNameLength = 128;

    /// <summary>The API id, or 404 as API Gateway answers an unknown id.</summary>
    public static string RestApiId(string restApiId) =>
        IdPattern().IsMatch(restApiId) ? restApiId : throw ManagementException.NotFound($"Invalid API identifier specified {restApiId}");

    /// <summary>The deployment id, or 404.</summary>
    public static string DeploymentId(string deploymentId) =>
        IdPattern().IsMatch(deploymentId) ? deploymentId : throw ManagementException.NotFound("Invalid Deployment identifier specified");

    /// <summary>The stage name from a URL, or 404.</summary>
    public static string StageName(string stageName) =>
        IsStageName(stageName) ? stageName : throw ManagementException.NotFound("Invalid Stage identifier specified");

    /// <summary>Whether <paramref name="stageName"/> is alphanumerics, <c>-</c> and <c>_</c>, at most 128 characters.</summary>
    public static bool IsStageName(string? stageName) =>
        stageName is { Length: > 0 and <= MaxStageNameLength } && StageNamePattern().IsMatch(stageName);

    /// <summary>A stage name from a request body, or 400.</summary>
    public static string RequireStageNameInBody(string stageName) =>
        IsStageName(stageName) ? stageName : throw ManagementException.BadRequest("Stage name only allows a-zA-Z0-9_- and at most 128 characters");

    /// <summary>The 400 ValidationException API Gateway sends when a required member is missing.</summary>
    public static ManagementException Missing(string inputName, string member) =>
        new(ManagementErrorType.Validation,
            $"1 validation error detected: Value null at '{inputName}.{member}' failed to satisfy constraint: Member must not be null");

    /// <summary>Rejects a string longer than <paramref name="maximumLength"/>.</summary>
    public static string? Bounded(string? value, int maximumLength, string member) =>
        value is null || value.Length <= maximumLength
            ? value
            : throw ManagementException.BadRequest($"Invalid {member} specified: at most {maximumLength} characters are allowed");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex StageNamePattern();
}
