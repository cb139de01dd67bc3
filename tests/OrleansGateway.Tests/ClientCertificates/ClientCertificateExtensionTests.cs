using OrleansGateway.Edge.DataPlane.Integrations.Resilience;

namespace OrleansGateway.Tests.ClientCertificates;

/// <summary><c>tls.clientCertificateId</c> in <c>x-gateway-resilience</c>: an operation's value overrides the root's; bad values are ignored with a problem.</summary>
public sealed class ClientCertificateExtensionTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public void WithoutTheFieldNoCertificateIsNamed()
    {
        var settings = ResilienceExtension.Resolve(Extension("""{"tls":{"trustStore":"internal"}}"""), None, _ => Assert.Fail("no problem expected"));

        Assert.Null(settings.ClientCertificateId);
        Assert.Equal("internal", settings.TrustStore);
    }

    [Fact]
    public void OperationCertificateOverridesTheRootsAndKeepsTheRootsTrustStore()
    {
        var root = Extension("""{"tls":{"trustStore":"internal","clientCertificateId":"root01"}}""");
        var operation = Extension("""{"tls":{"clientCertificateId":"oper01"}}""");

        var settings = ResilienceExtension.Resolve(root, operation, _ => Assert.Fail("no problem expected"));

        Assert.Equal("oper01", settings.ClientCertificateId);
        Assert.Equal("internal", settings.TrustStore);
    }

    [Theory]
    [InlineData("""{"tls":{"clientCertificateId":42}}""")]
    [InlineData("""{"tls":{"clientCertificateId":""}}""")]
    [InlineData("""{"tls":{"clientCertificateId":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""")]
    public void ABadValueIsIgnoredAndReported(string json)
    {
        var problems = new List<string>();

        var settings = ResilienceExtension.Resolve(Extension("""{"tls":{"clientCertificateId":"root01"}}"""), Extension(json), problems.Add);

        Assert.Equal("root01", settings.ClientCertificateId);
        Assert.Contains(problems, problem => problem.Contains("tls.clientCertificateId", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Extension(string json) => new() { [ResilienceExtension.Name] = json };
}
