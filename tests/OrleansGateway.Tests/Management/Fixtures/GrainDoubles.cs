using Orleans.Configuration;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Tests.Management.Fixtures;

/// <summary>
/// Lets the management tests run before and after the real grains exist: each double is removed
/// from the silo's grain classes when another class implements the same interface, so the tests
/// exercise the real grains whenever they are built into the test assembly's references.
/// </summary>
public static class GrainDoubles
{
    private static readonly (Type Double, Type Interface)[] Doubles =
    [
        (typeof(InMemoryRestApiGrain), typeof(IRestApiGrain)),
        (typeof(InMemoryApiCatalogGrain), typeof(IApiCatalogGrain)),
    ];

    /// <summary>Removes every double that a real implementation makes unnecessary.</summary>
    public static void YieldToRealGrains(GrainTypeOptions options)
    {
        foreach (var (grainDouble, grainInterface) in Doubles)
        {
            if (options.Classes.Any(c => c != grainDouble && !c.IsAbstract && grainInterface.IsAssignableFrom(c)))
            {
                options.Classes.Remove(grainDouble);
            }
        }
    }
}
