using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Http;

/// <summary>The body of every v1 <c>Update*</c> call: <c>{"patchOperations": [{op, path, value, from}]}</c>.</summary>
internal sealed record PatchOperationsBody(IReadOnlyList<PatchOperationBody?>? PatchOperations)
{
    /// <summary>Most operations one call may carry; far above what any tool sends.</summary>
    public const int MaxOperations = 500;

    /// <summary>The operations for the grain; absent members become empty strings so the patchers reject them.</summary>
    public static IReadOnlyList<PatchOperation> ToOperations(PatchOperationsBody? body)
    {
        var operations = body?.PatchOperations ?? [];
        if (operations.Count > MaxOperations)
        {
            throw ManagementException.BadRequest($"Too many patch operations specified. Maximum allowed: {MaxOperations}");
        }
        return operations.Select(o => new PatchOperation(o?.Op ?? string.Empty, o?.Path ?? string.Empty, o?.Value, o?.From)).ToList();
    }
}

/// <summary>One patch operation; <c>value</c> is a string, so a JSON boolean there is a SerializationException.</summary>
internal sealed record PatchOperationBody(string? Op, string? Path, string? Value, string? From);
