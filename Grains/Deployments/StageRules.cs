using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Deployments;

/// <summary>API Gateway's constraints on stage names and stage variables (reference §7.1, §7.2).</summary>
public static partial class StageRules
{
    /// <summary>Most variables a stage may hold.</summary>
    public const int MaxVariables = 100;

    /// <summary>Throws 400 unless <paramref name="stageName"/> is 1–128 of <c>[A-Za-z0-9_-]</c>.</summary>
    public static void ValidateStageName(string? stageName)
    {
        if (string.IsNullOrEmpty(stageName) || !StageName().IsMatch(stageName))
        {
            throw ManagementException.BadRequest(
                "Stage name only allows a-zA-Z0-9_- and must be between 1 and 128 characters.");
        }
    }

    /// <summary>Throws 400 unless the name is 1–64 of <c>[A-Za-z0-9_]</c>.</summary>
    public static void ValidateVariableName(string name)
    {
        if (!VariableName().IsMatch(name))
        {
            throw ManagementException.BadRequest(
                $"Stage variable name '{name}' must be 1 to 64 characters of [A-Za-z0-9_].");
        }
    }

    /// <summary>Throws 400 unless the value is 1–512 of <c>[A-Za-z0-9-._~:/?#&amp;=,]</c>.</summary>
    public static void ValidateVariableValue(string name, string? value)
    {
        if (value is null || !VariableValue().IsMatch(value))
        {
            throw ManagementException.BadRequest(
                $"Stage variable value for '{name}' must be 1 to 512 characters of [A-Za-z0-9-._~:/?#&=,].");
        }
    }

    /// <summary>Validates a whole variables map.</summary>
    public static IReadOnlyDictionary<string, string> ValidateVariables(IReadOnlyDictionary<string, string>? variables)
    {
        if (variables is null)
        {
            return new Dictionary<string, string>();
        }
        if (variables.Count > MaxVariables)
        {
            throw ManagementException.BadRequest($"A stage may have at most {MaxVariables} variables.");
        }
        foreach (var (name, value) in variables)
        {
            ValidateVariableName(name);
            ValidateVariableValue(name, value);
        }
        return new Dictionary<string, string>(variables, StringComparer.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex StageName();

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^[A-Za-z0-9\\-._~:/?#&=,]{1,512}$")]
    private static partial Regex VariableValue();
}
