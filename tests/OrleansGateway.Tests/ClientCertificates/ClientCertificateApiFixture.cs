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
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(new ClientCertificateKeyCipher(RandomNumberGenerator.GetBytes(32)));
}
