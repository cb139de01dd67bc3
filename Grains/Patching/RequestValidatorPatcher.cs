using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using static OrleansGateway.Grains.Patching.PatchOperationRules;

namespace OrleansGateway.Grains.Patching;

/// <summary>
/// CreateRequestValidator's checks and UpdateRequestValidator's patch paths: <c>/name</c>,
/// <c>/validateRequestBody</c>, <c>/validateRequestParameters</c>. Pure, so the grain persists only a valid result.
/// </summary>
public static class RequestValidatorPatcher
{
    /// <summary>Longest validator name (it is also the id, so it appears in URLs).</summary>
    public const int MaxNameLength = 128;

    /// <summary>Most validators one API may have.</summary>
    public const int MaxValidatorsPerApi = 50;

    /// <summary>Applies <paramref name="operations"/> in order and checks the result.</summary>
    public static RequestValidatorDefinition Apply(RequestValidatorDefinition validator, IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(operations);
        var current = validator;
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            EnsureKnownOp(operation, i, "updateRequestValidatorInput");
            current = operation.Path switch
            {
                "/name" => Name(current, operation),
                "/validateRequestBody" => current with { ValidateRequestBody = Flag(operation) },
                "/validateRequestParameters" => current with { ValidateRequestParameters = Flag(operation) },
                _ => throw InvalidPath(operation.Path),
            };
        }
        return Validate(current);
    }

    /// <summary>The validator if its name is acceptable, with its id set to its name; 400 otherwise.</summary>
    public static RequestValidatorDefinition Validate(RequestValidatorDefinition validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        var name = validator.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(c => char.IsControl(c) || c == '/'))
        {
            throw ManagementException.BadRequest(
                $"Invalid request validator name specified: a name of 1 to {MaxNameLength} characters without '/' or control characters is required");
        }
        return validator with { Id = name };
    }

    private static RequestValidatorDefinition Name(RequestValidatorDefinition validator, PatchOperation operation)
    {
        EnsureOp(operation, Replace);
        return validator with { Name = PatchValues.RequireString(operation, MaxNameLength) };
    }

    private static bool Flag(PatchOperation operation)
    {
        EnsureOp(operation, Replace);
        return PatchValues.ParseBoolean(operation);
    }
}
