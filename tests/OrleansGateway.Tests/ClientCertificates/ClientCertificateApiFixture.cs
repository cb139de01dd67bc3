using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;
using OrleansGateway.Tests.Management.Fixtures;

namespace OrleansGateway.Tests.ClientCertificates;

/// <summary>
/// The management API over its own in-process cluster (the certificate directory is one grain, so
/// sharing it with other test classes would make their counts interfere), with a random gateway secret.
/// </summary>
public sealed class ClientCertificateApiFixture : ManagementApiFixture
{
    /// <summary>The cipher the management API seals keys with.</summary>
    public ClientCertificateKeyCipher Cipher { get; } = new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The cluster client the management API uses, for edge-side components under test.</summary>
    public IGrainFactory Grains { get; private set; } = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(Cipher);
        Grains = (IGrainFactory)services.Single(descriptor => descriptor.ServiceType == typeof(IGrainFactory)).ImplementationInstance!;
    }
}
