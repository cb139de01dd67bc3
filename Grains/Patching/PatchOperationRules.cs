using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Patching;

/// <summary>
/// What every v1 <c>Update*</c> call shares: the op enum, JSON-pointer unescaping and the error
/// texts API Gateway uses when an op or path is not accepted.
/// </summary>
internal static class PatchOperationRules
{
    public const string Add = "add";
    public const string Remove = "remove";
    public const string Replace = "replace";
    public const string Copy = "copy";

    // The order API Gateway prints in its enum-violation message.
    private const string OpEnumValues = "[add, remove, move, test, replace, copy]";

    private static readonly HashSet<string> KnownOps = new(StringComparer.Ordinal) { "add", "remove", "replace", "move", "test", "copy" };

    /// <summary>
    /// Rejects an op outside the model's enum the way the service's input validation does
    /// (ValidationException, before any path is looked at).
    /// </summary>
    public static void EnsureKnownOp(PatchOperation operation, int index, string inputName)
    {
        if (!KnownOps.Contains(operation.Op ?? string.Empty))
        {
            throw new ManagementException(
                ManagementErrorType.Validation,
                $"1 validation error detected: Value '{operation.Op}' at '{inputName}.patchOperations.{index + 1}.member.op' " +
                $"failed to satisfy constraint: Member must satisfy enum value set: {OpEnumValues}");
        }
    }

    /// <summary>Throws when <paramref name="operation"/>'s op is not one of <paramref name="allowed"/> for its path.</summary>
    public static void EnsureOp(PatchOperation operation, params string[] allowed)
    {
        if (Array.IndexOf(allowed, operation.Op) < 0)
        {
            throw ManagementException.BadRequest($"Invalid patch operation specified. Must be one of: [{string.Join(", ", allowed)}]");
        }
    }

    /// <summary>API Gateway's answer for a path the resource does not have.</summary>
    public static ManagementException InvalidPath(string? path) => ManagementException.BadRequest($"Invalid patch path {path}");

    /// <summary>Decodes one JSON-pointer segment (<c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>).</summary>
    public static string Unescape(string segment) =>
        segment.Contains('~', StringComparison.Ordinal)
            ? segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)
            : segment;

    /// <summary>True for the ops that set a value (as opposed to removing it).</summary>
    public static bool Sets(PatchOperation operation) => operation.Op is Add or Replace;
}
