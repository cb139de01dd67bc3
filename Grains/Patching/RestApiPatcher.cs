using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Patching;

/// <summary>STUB: replaced by the management branch.</summary>
public static class RestApiPatcher
{
    /// <summary>Applies UpdateRestApi patch operations.</summary>
    public static RestApiInfo Apply(RestApiInfo api, IReadOnlyList<PatchOperation> operations) => throw new NotImplementedException();
}
