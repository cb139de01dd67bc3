using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace OrleansGateway.Silo.Hosting;

/// <summary>
/// Log levels the silo starts from, below every other configuration source so an operator's
/// <c>Logging:LogLevel:*</c> still wins.
/// </summary>
public static class SiloLoggingDefaults
{
    /// <summary>Adds the defaults as the lowest-precedence configuration source.</summary>
    public static void Apply(IConfigurationBuilder configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                // Orleans places every new activation through a Polly pipeline whose telemetry logs
                // each execution at Information: four lines per activation, 8.4 million lines (and a
                // good share of 2 cores) while a million API keys were imported. Warnings still show.
                ["Logging:LogLevel:Polly"] = "Warning",
            },
        });
    }
}
