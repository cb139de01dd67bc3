using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Grains.Deployments;

/// <summary>API Gateway's constraints on stage names (reference §7.1); variables follow <see cref="StageVariableRules"/>.</summary>
public static partial class StageRules
{
    /// <summary>Throws 400 unless <paramref name="stageName"/> is 1–128 of <c>[A-Za-z0-9_-]</c>.</summary>
    public static void ValidateStageName(string? stageName)
    {
        if (string.IsNullOrEmpty(stageName) || !StageName().IsMatch(stageName))
        {
            throw ManagementException.BadRequest(
                "Stage name only allows a-zA-Z0-9_- and must be between 1 and 128 characters.");
        }
    }

    /// <summary>Validates a whole variables map and copies it.</summary>
    public static IReadOnlyDictionary<string, string> ValidateVariables(IReadOnlyDictionary<string, string>? variables)
    {
        StageVariableRules.Validate(variables);
        return variables is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string>(variables, StringComparer.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex StageName();
}
