using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.Usage;

/// <summary>Finds the plan a usage call names, guarding the ids taken from the URL.</summary>
internal static partial class UsagePlanLookup
{
    /// <summary>The plan, or 404 as API Gateway answers an unknown or malformed id.</summary>
    public static async Task<UsagePlan> RequireAsync(IGrainFactory grains, string usagePlanId)
    {
        if (!IdPattern().IsMatch(usagePlanId))
        {
            throw ManagementException.NotFound($"Invalid Usage Plan ID specified {usagePlanId}");
        }
        var snapshot = await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).GetSnapshot();
        return snapshot.Plans.FirstOrDefault(p => p.Id == usagePlanId)
            ?? throw ManagementException.NotFound($"Invalid Usage Plan ID specified {usagePlanId}");
    }

    /// <summary>A key id from the URL or query, or 404.</summary>
    public static string KeyId(string keyId) =>
        IdPattern().IsMatch(keyId) ? keyId : throw ManagementException.NotFound($"Invalid API Key identifier specified {keyId}");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
