using System.Net;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.ClientCertificates;

/// <summary>API Gateway's quota of 60 client certificates, on a cluster of its own.</summary>
public sealed class ClientCertificateLimitTests(ClientCertificateApiFixture fixture) : IClassFixture<ClientCertificateApiFixture>
{
    [Fact]
    public async Task The61stCertificateIsRefusedWith429LimitExceededUntilOneIsDeleted()
    {
        var http = fixture.Http;
        string? first = null;
        for (var i = 0; i < 60; i++)
        {
            using var created = await http.PostAsync("/clientcertificates", Json("{}"));
            await created.AssertStatusAsync(HttpStatusCode.Created);
            first ??= (await created.ReadJsonAsync()).GetProperty("clientCertificateId").GetString();
        }

        using var refused = await http.PostAsync("/clientcertificates", Json("{}"));
        await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "LimitExceededException");
        using var listed = await http.GetAsync("/clientcertificates?limit=500");
        Assert.Equal(60, (await listed.ReadJsonAsync()).GetProperty("item").GetArrayLength());

        using var deleted = await http.DeleteAsync($"/clientcertificates/{first}");
        await deleted.AssertStatusAsync(HttpStatusCode.Accepted);
        using var accepted = await http.PostAsync("/clientcertificates", Json("{}"));
        await accepted.AssertStatusAsync(HttpStatusCode.Created);
    }
}
