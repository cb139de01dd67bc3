using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Patching;

/// <summary>
/// API Gateway's rules for stage variables: names <c>[A-Za-z0-9_]+</c> up to 64 characters, values
/// <c>[A-Za-z0-9-._~:/?#&amp;=,]+</c> up to 512 characters, at most 100 per stage. Used by UpdateStage
/// and by whatever creates a stage (CreateStage, CreateDeployment with a stage name).
/// </summary>
public static partial class StageVariableRules
{
    /// <summary>Most variables one stage may have.</summary>
    public const int MaxVariables = 100;

    /// <summary>Longest variable name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest variable value.</summary>
    public const int MaxValueLength = 512;

    /// <summary>Throws a 400 <see cref="ManagementException"/> unless every name and value is valid.</summary>
    public static void Validate(IReadOnlyDictionary<string, string>? variables)
    {
        if (variables is null)
        {
            return;
        }
        EnsureCount(variables.Count);
        foreach (var (name, value) in variables)
        {
            ValidateName(name);
            ValidateValue(value);
        }
    }

    /// <summary>Throws unless <paramref name="name"/> is a valid variable name.</summary>
    public static void ValidateName(string? name)
    {
        if (name is null || name.Length > MaxNameLength || !NamePattern().IsMatch(name))
        {
            throw ManagementException.BadRequest($"Invalid stage variable name: {name}.  Please use names with only word characters (at most {MaxNameLength}).");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a valid variable value.</summary>
    public static void ValidateValue(string? value)
    {
        if (value is null || value.Length > MaxValueLength || !ValuePattern().IsMatch(value))
        {
            throw ManagementException.BadRequest(
                $"Invalid stage variable value: {value}.  Please use values with alphanumeric characters and the symbols " +
                $"'-', '.', '_', '~', ':', '/', '?', '#', '&', '=', and ',' (at most {MaxValueLength}).");
        }
    }

    /// <summary>Throws when a stage would hold more than <see cref="MaxVariables"/> variables.</summary>
    public static void EnsureCount(int count)
    {
        if (count > MaxVariables)
        {
            throw ManagementException.BadRequest($"Too many stage variables specified. Maximum allowed: {MaxVariables}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#&=,]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();
}
