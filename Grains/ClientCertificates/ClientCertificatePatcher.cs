using OrleansGateway.Grains.Interfaces.ClientCertificates;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Grains.ClientCertificates;

/// <summary>UpdateClientCertificate's patch paths: only <c>/description</c>, as in API Gateway.</summary>
internal static class ClientCertificatePatcher
{
    /// <summary>The longest description.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>Applies every operation to a copy; a failing operation anywhere leaves the certificate untouched.</summary>
    public static ClientCertificateRecord Apply(ClientCertificateRecord certificate, IReadOnlyList<PatchOperation> operations)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            PatchOperationRules.EnsureKnownOp(operation, i, "updateClientCertificateInput");
            if (operation.Path != "/description")
            {
                throw PatchOperationRules.InvalidPath(operation.Path);
            }
            PatchOperationRules.EnsureOp(operation, PatchOperationRules.Add, PatchOperationRules.Remove, PatchOperationRules.Replace);
            certificate = certificate with { Description = PatchValues.OptionalString(operation, MaxDescriptionLength) };
        }
        return certificate;
    }
}
