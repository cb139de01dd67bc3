using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Stages;

/// <summary>
/// Bounds on the stage settings a caller sends. Stage-variable characters are checked where
/// stages are written (the API grain); here only sizes, so nothing unbounded reaches a grain.
/// </summary>
internal static class StageInput
{
    public const int MaxTextLength = 1024;
    public const int MaxVariables = 100;
    public const int MaxVariableNameLength = 64;
    public const int MaxVariableValueLength = 512;
    public const int MaxTags = 50;
    public const int MaxTagKeyLength = 128;
    public const int MaxTagValueLength = 256;

    /// <summary>The answer to any attempt to configure a canary.</summary>
    public const string CanaryNotSupported = "Canary settings are not supported by this gateway.";

    private static readonly string[] CacheClusterSizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

    public static IReadOnlyDictionary<string, string>? Variables(IReadOnlyDictionary<string, string>? variables)
    {
        if (variables is null)
        {
            return null;
        }
        if (variables.Count > MaxVariables)
        {
            throw ManagementException.BadRequest($"Too many stage variables specified. Maximum allowed: {MaxVariables}");
        }
        foreach (var (name, value) in variables)
        {
            if (name.Length is 0 or > MaxVariableNameLength)
            {
                throw ManagementException.BadRequest($"Invalid stage variable name: {name}.  Please use names with only word characters (at most {MaxVariableNameLength}).");
            }
            if (value is null || value.Length is 0 or > MaxVariableValueLength)
            {
                throw ManagementException.BadRequest($"Invalid stage variable value: {value}.  Values must be 1 to {MaxVariableValueLength} characters.");
            }
        }
        return variables;
    }

    public static string? CacheClusterSize(string? size) =>
        size is null || CacheClusterSizes.Contains(size, StringComparer.Ordinal)
            ? size
            : throw ManagementException.BadRequest(
                $"Invalid cache cluster size specified: {size}. Valid options are {string.Join(", ", CacheClusterSizes)}");

    public static IReadOnlyDictionary<string, string>? Tags(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is not null
            && (tags.Count > MaxTags || tags.Any(t => t.Key.Length is 0 or > MaxTagKeyLength || (t.Value?.Length ?? 0) > MaxTagValueLength)))
        {
            throw ManagementException.BadRequest(
                $"Invalid tags specified: at most {MaxTags} tags, keys of 1-{MaxTagKeyLength} and values of at most {MaxTagValueLength} characters");
        }
        return tags;
    }
}
