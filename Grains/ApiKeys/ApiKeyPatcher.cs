using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Grains.ApiKeys;

/// <summary>UpdateApiKey's patch paths: <c>/name</c>, <c>/description</c>, <c>/enabled</c>, <c>/customerId</c>.</summary>
internal static class ApiKeyPatcher
{
    /// <summary>Longest name, description or customer id accepted.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>Applies every operation or none (the record is immutable; the caller stores the result).</summary>
    public static ApiKeyRecord Apply(ApiKeyRecord record, IReadOnlyList<PatchOperation> operations)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            PatchOperationRules.EnsureKnownOp(operation, i, "updateApiKeyInput");
            switch (operation.Path)
            {
                case "/name":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    record = record with { Name = PatchValues.OptionalString(operation, MaxTextLength) };
                    break;
                case "/description":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    record = record with { Description = PatchValues.OptionalString(operation, MaxTextLength) };
                    break;
                case "/customerId":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    record = record with { CustomerId = PatchValues.OptionalString(operation, MaxTextLength) };
                    break;
                case "/enabled":
                    PatchOperationRules.EnsureOp(operation, PatchOperationRules.Replace);
                    record = record with { Enabled = PatchValues.ParseBoolean(operation) };
                    break;
                default:
                    throw PatchOperationRules.InvalidPath(operation.Path);
            }
        }
        return record;
    }
}
