using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>Creates an API under a fresh id; shared by CreateRestApi and ImportRestApi.</summary>
internal static class RestApiCreation
{
    private const int IdLength = 10;
    private const int Attempts = 3;

    /// <summary>A 10-character lower-case alphanumeric id, like API Gateway's.</summary>
    public static string NewId() => IdGenerator.Next(IdLength);

    /// <summary>
    /// Creates the API through its grain, the one atomic step. A taken id (409, practically never
    /// with 36^10 ids) is retried under a new id.
    /// </summary>
    public static async Task<RestApiInfo> CreateAsync(IGrainFactory grains, Func<string, RestApiInfo> settingsFor, ApiDefinition definition)
    {
        for (var attempt = 1; ; attempt++)
        {
            var settings = settingsFor(NewId());
            try
            {
                return await grains.GetGrain<IRestApiGrain>(settings.Id).Create(settings, definition);
            }
            catch (ManagementException exception) when (exception.ErrorType == ManagementErrorType.Conflict && attempt < Attempts)
            {
                // Try again under another id.
            }
        }
    }
}
