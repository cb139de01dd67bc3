using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using OrleansGateway.Tests.Management.Fixtures;
using static OrleansGateway.Tests.Management.Fixtures.ManagementResponses;

namespace OrleansGateway.Tests.ClientCertificates;

/// <summary>GenerateClientCertificate, GetClientCertificate(s), UpdateClientCertificate and DeleteClientCertificate in API Gateway's shapes.</summary>
public sealed class ClientCertificateManagementTests(ClientCertificateApiFixture fixture) : IClassFixture<ClientCertificateApiFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task GenerateReturnsASelfSignedRsa2048CertificateValidFor365DaysWithoutItsKey()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var response = await _http.PostAsync("/clientcertificates", Json("""{"description":"orders backend","tags":{"team":"orders"}}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var text = await response.Content.ReadAsStringAsync();
        AssertNoPrivateKey(text);
        var body = JsonDocument.Parse(text).RootElement;
        var id = body.GetProperty("clientCertificateId").GetString()!;
        Assert.Matches("^[a-z0-9]{6}$", id);
        Assert.Equal("orders backend", body.GetProperty("description").GetString());
        Assert.Equal("orders", body.GetProperty("tags").GetProperty("team").GetString());
        var created = DateTimeOffset.FromUnixTimeSeconds(body.GetProperty("createdDate").GetInt64());
        var expires = DateTimeOffset.FromUnixTimeSeconds(body.GetProperty("expirationDate").GetInt64());
        Assert.InRange(created, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(TimeSpan.FromDays(365), expires - created);

        using var certificate = X509Certificate2.CreateFromPem(body.GetProperty("pemEncodedCertificate").GetString());
        Assert.False(certificate.HasPrivateKey);
        Assert.Equal(certificate.SubjectName.Name, certificate.IssuerName.Name);
        using var key = certificate.GetRSAPublicKey();
        Assert.Equal(2048, key!.KeySize);
        Assert.Equal(created, new DateTimeOffset(certificate.NotBefore.ToUniversalTime()));
        Assert.Equal(expires, new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        var usage = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Contains(usage.EnhancedKeyUsages.Cast<Oid>(), oid => oid.Value == "1.3.6.1.5.5.7.3.2");
    }

    [Fact]
    public async Task GetReturnsTheGeneratedCertificate()
    {
        var generated = await GenerateAsync("""{"description":"first"}""");
        var id = generated.GetProperty("clientCertificateId").GetString();

        using var response = await _http.GetAsync($"/clientcertificates/{id}");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        AssertNoPrivateKey(text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(id, body.GetProperty("clientCertificateId").GetString());
        Assert.Equal("first", body.GetProperty("description").GetString());
        Assert.Equal(generated.GetProperty("pemEncodedCertificate").GetString(), body.GetProperty("pemEncodedCertificate").GetString());
        Assert.Equal(generated.GetProperty("expirationDate").GetInt64(), body.GetProperty("expirationDate").GetInt64());
        Assert.False(body.TryGetProperty("tags", out _));
    }

    [Theory]
    [InlineData("zzzzzz")]
    [InlineData("not-an-id")]
    public async Task GetOfAnUnknownIdAnswers404NotFound(string id)
    {
        using var response = await _http.GetAsync($"/clientcertificates/{id}");

        var message = await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        Assert.Equal("Invalid Client Certificate identifier specified", message);
    }

    [Fact]
    public async Task GetClientCertificatesPagesThroughEveryCertificateOnceInIdOrder()
    {
        var generated = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            generated.Add((await GenerateAsync("{}")).GetProperty("clientCertificateId").GetString()!);
        }

        var seen = new List<string>();
        string? position = null;
        var pages = 0;
        do
        {
            using var response = await _http.GetAsync("/clientcertificates?limit=2" + (position is null ? "" : "&position=" + Uri.EscapeDataString(position)));
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var text = await response.Content.ReadAsStringAsync();
            AssertNoPrivateKey(text);
            var body = JsonDocument.Parse(text).RootElement;
            var items = body.GetProperty("item").EnumerateArray().Select(item => item.GetProperty("clientCertificateId").GetString()!).ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            position = body.TryGetProperty("position", out var next) ? next.GetString() : null;
            pages++;
        }
        while (position is not null && pages < 100);

        Assert.Null(position);
        Assert.Equal(seen.Distinct(StringComparer.Ordinal).Count(), seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Subset(seen.ToHashSet(StringComparer.Ordinal), generated);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("position=%%%")]
    public async Task GetClientCertificatesRejectsABadPageRequest(string query)
    {
        using var response = await _http.GetAsync("/clientcertificates?" + query);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task UpdateReplacesAndRemovesTheDescription()
    {
        var id = (await GenerateAsync("""{"description":"old"}""")).GetProperty("clientCertificateId").GetString();

        using var replaced = await PatchAsync(id!, """{"patchOperations":[{"op":"replace","path":"/description","value":"new"}]}""");
        await replaced.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("new", (await replaced.ReadJsonAsync()).GetProperty("description").GetString());
        using var fetched = await _http.GetAsync($"/clientcertificates/{id}");
        Assert.Equal("new", (await fetched.ReadJsonAsync()).GetProperty("description").GetString());

        using var removed = await PatchAsync(id!, """{"patchOperations":[{"op":"remove","path":"/description"}]}""");
        await removed.AssertStatusAsync(HttpStatusCode.OK);
        Assert.False((await removed.ReadJsonAsync()).TryGetProperty("description", out _));
    }

    [Fact]
    public async Task UpdateOfAnotherPathIsRefusedAndChangesNothing()
    {
        var generated = await GenerateAsync("""{"description":"kept"}""");
        var id = generated.GetProperty("clientCertificateId").GetString()!;

        using var response = await PatchAsync(id, """{"patchOperations":[{"op":"replace","path":"/description","value":"x"},{"op":"replace","path":"/pemEncodedCertificate","value":"x"}]}""");

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("/pemEncodedCertificate", message, StringComparison.Ordinal);
        using var fetched = await _http.GetAsync($"/clientcertificates/{id}");
        Assert.Equal("kept", (await fetched.ReadJsonAsync()).GetProperty("description").GetString());
    }

    [Fact]
    public async Task UpdateOfAnUnknownIdAnswers404()
    {
        using var response = await PatchAsync("zzzzzz", """{"patchOperations":[{"op":"replace","path":"/description","value":"x"}]}""");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
    }

    [Fact]
    public async Task DeleteAnswers202AndTheCertificateIsGone()
    {
        var id = (await GenerateAsync("{}")).GetProperty("clientCertificateId").GetString();

        using var deleted = await _http.DeleteAsync($"/clientcertificates/{id}");
        await deleted.AssertStatusAsync(HttpStatusCode.Accepted);

        using var fetched = await _http.GetAsync($"/clientcertificates/{id}");
        await fetched.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        using var again = await _http.DeleteAsync($"/clientcertificates/{id}");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, "NotFoundException");
        using var list = await _http.GetAsync("/clientcertificates?limit=500");
        var ids = (await list.ReadJsonAsync()).GetProperty("item").EnumerateArray().Select(item => item.GetProperty("clientCertificateId").GetString());
        Assert.DoesNotContain(id, ids);
    }

    [Fact]
    public async Task GenerateRefusesADescriptionOver1024Characters()
    {
        using var response = await _http.PostAsync("/clientcertificates", Json($$"""{"description":"{{new string('d', 1025)}}"}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task GenerateRefusesMoreThan50Tags()
    {
        var tags = string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"k{i}\":\"v\""));

        using var response = await _http.PostAsync("/clientcertificates", Json("{\"tags\":{" + tags + "}}"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task GenerateRefusesABodyOver64KilobytesWith413()
    {
        using var response = await _http.PostAsync("/clientcertificates", Json($$"""{"description":"{{new string('d', 70_000)}}"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task GenerateRefusesMalformedJson()
    {
        using var response = await _http.PostAsync("/clientcertificates", Json("""{"description":"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CreateStageWithAnUnknownCertificateAnswers400AndCreatesNoStage()
    {
        var apiId = await _http.CreateApiAsync("mtls");
        var deploymentId = await _http.CreateDeploymentAsync(apiId);

        using var response = await _http.PostAsync($"/restapis/{apiId}/stages",
            Json($$"""{"stageName":"prod","deploymentId":"{{deploymentId}}","clientCertificateId":"zzzzzz"}"""));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Equal("Invalid Client Certificate identifier specified", message);
        using var stage = await _http.GetAsync($"/restapis/{apiId}/stages/prod");
        Assert.Equal(HttpStatusCode.NotFound, stage.StatusCode);
    }

    [Fact]
    public async Task CreateStageWithACertificateShowsItOnTheStage()
    {
        var certificateId = (await GenerateAsync("{}")).GetProperty("clientCertificateId").GetString();
        var apiId = await _http.CreateApiAsync("mtls");
        var deploymentId = await _http.CreateDeploymentAsync(apiId);

        using var response = await _http.PostAsync($"/restapis/{apiId}/stages",
            Json($$"""{"stageName":"prod","deploymentId":"{{deploymentId}}","clientCertificateId":"{{certificateId}}"}"""));

        await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(certificateId, (await response.ReadJsonAsync()).GetProperty("clientCertificateId").GetString());
        using var stage = await _http.GetAsync($"/restapis/{apiId}/stages/prod");
        Assert.Equal(certificateId, (await stage.ReadJsonAsync()).GetProperty("clientCertificateId").GetString());
    }

    [Fact]
    public async Task UpdateStageSetsAndRemovesTheCertificateAndRefusesAnUnknownOne()
    {
        var certificateId = (await GenerateAsync("{}")).GetProperty("clientCertificateId").GetString();
        var apiId = await _http.CreateApiAsync("mtls");
        await _http.CreateDeploymentAsync(apiId, "prod");

        using var unknown = await PatchStageAsync(apiId, """{"patchOperations":[{"op":"replace","path":"/clientCertificateId","value":"zzzzzz"}]}""");
        await unknown.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequestException");

        using var set = await PatchStageAsync(apiId, $$"""{"patchOperations":[{"op":"replace","path":"/clientCertificateId","value":"{{certificateId}}"}]}""");
        await set.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(certificateId, (await set.ReadJsonAsync()).GetProperty("clientCertificateId").GetString());

        using var removed = await PatchStageAsync(apiId, """{"patchOperations":[{"op":"remove","path":"/clientCertificateId"}]}""");
        await removed.AssertStatusAsync(HttpStatusCode.OK);
        Assert.False((await removed.ReadJsonAsync()).TryGetProperty("clientCertificateId", out _));
    }

    private static void AssertNoPrivateKey(string responseBody)
    {
        Assert.DoesNotContain("PRIVATE KEY", responseBody, StringComparison.Ordinal);
        Assert.DoesNotContain("privateKey", responseBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("encrypted", responseBody, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<JsonElement> GenerateAsync(string body)
    {
        using var response = await _http.PostAsync("/clientcertificates", Json(body));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonAsync();
    }

    private Task<HttpResponseMessage> PatchAsync(string id, string body) =>
        _http.PatchAsync($"/clientcertificates/{id}", Json(body));

    private Task<HttpResponseMessage> PatchStageAsync(string apiId, string body) =>
        _http.PatchAsync($"/restapis/{apiId}/stages/prod", Json(body));
}
