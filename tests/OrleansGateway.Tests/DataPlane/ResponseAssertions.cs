using System.Net;
using System.Text.Json;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>Checks on what a caller of the data plane sees.</summary>
internal static class ResponseAssertions
{
    public static async Task AssertGatewayErrorAsync(HttpResponseMessage response, HttpStatusCode status, string message, string errorType)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(errorType, Single(response, "x-amzn-ErrorType"));
        AssertHasRequestIds(response);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, body.RootElement.GetProperty("message").GetString());
        Assert.Single(body.RootElement.EnumerateObject());
    }

    public static void AssertHasRequestIds(HttpResponseMessage response)
    {
        Assert.True(Guid.TryParse(Single(response, "x-amzn-RequestId"), out _));
        Assert.False(string.IsNullOrEmpty(Single(response, "x-amz-apigw-id")));
    }

    public static string Single(HttpResponseMessage response, string header)
    {
        Assert.True(response.Headers.TryGetValues(header, out var values) || response.Content.Headers.TryGetValues(header, out values),
            $"missing header {header}");
        return Assert.Single(values);
    }

    /// <summary>The echo backend's JSON.</summary>
    public static async Task<JsonElement> EchoAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"status {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string Header(this JsonElement echo, string name) =>
        echo.GetProperty("headers").TryGetProperty(name.ToLowerInvariant(), out var value) ? value.GetString()! : "<absent>";
}
