using System.Globalization;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Patching;

/// <summary>
/// Patch values are always strings on the wire; these parse the booleans and numbers they stand
/// for and reject anything else with a 400 that names the path.
/// </summary>
internal static class PatchValues
{
    public static bool ParseBoolean(PatchOperation operation)
    {
        if (bool.TryParse(operation.Value, out var value))
        {
            return value;
        }
        throw Invalid(operation, "true or false");
    }

    public static int ParseInt32(PatchOperation operation, int minimum, int maximum)
    {
        if (int.TryParse(operation.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= minimum && value <= maximum)
        {
            return value;
        }
        throw Invalid(operation, $"an integer between {minimum} and {maximum}");
    }

    public static double ParseDouble(PatchOperation operation, double minimum, double maximum)
    {
        if (double.TryParse(operation.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= minimum && value <= maximum)
        {
            return value;
        }
        throw Invalid(operation, $"a number between {minimum.ToString(CultureInfo.InvariantCulture)} and {maximum.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The value of a set operation, required and bounded.</summary>
    public static string RequireString(PatchOperation operation, int maximumLength)
    {
        if (string.IsNullOrEmpty(operation.Value) || operation.Value.Length > maximumLength)
        {
            throw Invalid(operation, $"a non-empty string of at most {maximumLength} characters");
        }
        return operation.Value;
    }

    /// <summary>The value to store for an optional string: null on remove or when empty.</summary>
    public static string? OptionalString(PatchOperation operation, int maximumLength)
    {
        if (operation.Op == PatchOperationRules.Remove || string.IsNullOrEmpty(operation.Value))
        {
            return null;
        }
        if (operation.Value.Length > maximumLength)
        {
            throw Invalid(operation, $"a string of at most {maximumLength} characters");
        }
        return operation.Value;
    }

    /// <summary>The value if it is one of <paramref name="allowed"/> (compared ignoring case), in its canonical spelling.</summary>
    public static string ParseEnum(PatchOperation operation, IReadOnlyList<string> allowed)
    {
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, operation.Value, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }
        throw Invalid(operation, $"one of [{string.Join(", ", allowed)}]");
    }

    private static ManagementException Invalid(PatchOperation operation, string expected) =>
        ManagementException.BadRequest($"Invalid value '{operation.Value}' specified for {operation.Path}: expected {expected}");
}
