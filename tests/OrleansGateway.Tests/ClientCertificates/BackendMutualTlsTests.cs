using System.Diagnostics;
using System.Net;
using OrleansGateway.Tests.DataPlane;
using Xunit.Abstractions;

namespace OrleansGateway.Tests.ClientCertificates;

/// <summary>
/// A stage's <c>clientCertificateId</c> makes HTTP_PROXY integrations present that certificate to an
/// HTTPS backend that requires it; without it, or with another one, the backend refuses the handshake.
/// </summary>
public sealed class BackendMutualTlsTests(MutualTlsEdgeFixture fixture, ITestOutputHelper output) : IClassFixture<MutualTlsEdgeFixture>
{
    [Fact]
    public async Task StageWithThePinnedCertificateGets200AndTheBackendSawThatCertificate()
    {
        using var response = await fixture.Edge.GetAsync(fixture.ApiId, "/pinned/mtls");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.PinnedThumbprint, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StageWithoutACertificateIsRefusedByTheBackendAndAnswers502()
    {
        var requests = fixture.Backend.Requests;

        using var response = await fixture.Edge.GetAsync(fixture.ApiId, "/nocert/mtls");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.BadGateway, "Internal server error", "InternalServerErrorException");
        Assert.Equal(requests, fixture.Backend.Requests);
    }

    [Fact]
    public async Task StageWithAnotherCertificatePresentsItAndIsRefusedWith502()
    {
        var requests = fixture.Backend.Requests;

        using var response = await fixture.Edge.GetAsync(fixture.ApiId, "/other/mtls");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(requests, fixture.Backend.Requests);
        Assert.Contains(fixture.OtherThumbprint, fixture.Backend.Refused);
        Assert.DoesNotContain(fixture.PinnedThumbprint, fixture.Backend.Refused);
    }

    [Fact]
    public async Task UpdateStageToThePinnedCertificateTakesEffectWithoutARedeploy()
    {
        await fixture.CreateStageAsync("switch", null);
        using (var before = await fixture.UntilServedAsync("switch", "/mtls"))
        {
            Assert.Equal(HttpStatusCode.BadGateway, before.StatusCode);
        }

        using var management = fixture.Edge.Management();
        var stopwatch = Stopwatch.StartNew();
        await management.ReplaceStageValueAsync(fixture.ApiId, "switch", "/clientCertificateId", fixture.PinnedId);
        using var after = await fixture.UntilAsync("switch", "/mtls", status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        output.WriteLine($"UpdateStage /clientCertificateId → first 200 after {stopwatch.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(fixture.PinnedThumbprint, await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeletingTheStagesCertificateFailsClosedWith500WithoutCallingTheBackend()
    {
        using var management = fixture.Edge.Management();
        var doomed = await management.SendJsonAsync(HttpMethod.Post, "/clientcertificates", new { description = "deleted while in use" });
        var doomedId = doomed.GetProperty("clientCertificateId").GetString()!;
        fixture.Backend.Pin(doomed.GetProperty("pemEncodedCertificate").GetString()!);
        await fixture.CreateStageAsync("doomed", doomedId);
        using (var served = await fixture.UntilServedAsync("doomed", "/mtls"))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        var stopwatch = Stopwatch.StartNew();
        await management.SendAsync(HttpMethod.Delete, $"/clientcertificates/{doomedId}", null);
        using var failed = await fixture.UntilAsync("doomed", "/mtls", status => status != HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        output.WriteLine($"DeleteClientCertificate → first 500 after {stopwatch.ElapsedMilliseconds} ms");
        var requests = fixture.Backend.Requests;
        using var again = await fixture.Edge.GetAsync(fixture.ApiId, "/doomed/mtls");

        await ResponseAssertions.AssertGatewayErrorAsync(failed, HttpStatusCode.InternalServerError, "Internal server error", "InternalServerErrorException");
        Assert.Equal(HttpStatusCode.InternalServerError, again.StatusCode);
        Assert.Equal(requests, fixture.Backend.Requests);
    }

    [Fact]
    public async Task IntegrationNamingACertificateInXGatewayResiliencePresentsItOnAStageWithoutOne()
    {
        using var response = await fixture.Edge.GetAsync(fixture.ApiId, "/nocert/override");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.PinnedThumbprint, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IntegrationNamingAnUnknownCertificateAnswers500WithoutCallingTheBackend()
    {
        var requests = fixture.Backend.Requests;
        var refused = fixture.Backend.RefusedHandshakes;

        using var response = await fixture.Edge.GetAsync(fixture.ApiId, "/pinned/unknown");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.InternalServerError, "Internal server error", "InternalServerErrorException");
        Assert.Equal(requests, fixture.Backend.Requests);
        Assert.Equal(refused, fixture.Backend.RefusedHandshakes);
    }
}
