using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrleansGateway.Tests.DataPlane;

namespace OrleansGateway.Tests.Validation;

/// <summary>
/// Request validators on a whole dev-mode edge: what the caller gets back for a bad request, and
/// that the backend (a real Kestrel echo server counting calls) never sees one.
/// </summary>
public sealed class RequestValidationTests(ValidationEdgeFixture fixture) : IClassFixture<ValidationEdgeFixture>
{
    private const string BadRequest = "BadRequestException";

    [Fact]
    public async Task Missing_required_query_string_and_header_answer_400_listing_both_sorted_and_the_backend_is_not_called()
    {
        var before = fixture.Backend.RequestsReceived;

        using var response = await SendAsync(HttpMethod.Get, "/prod/search?page=2", null);

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.BadRequest, "Missing required request parameters: [h2, q1]", BadRequest);
        Assert.Equal(before, fixture.Backend.RequestsReceived);
    }

    [Fact]
    public async Task Query_string_names_are_case_sensitive_and_blank_values_count_as_missing()
    {
        using var wrongCase = await SendAsync(HttpMethod.Get, "/prod/search?Q1=x", null, h => h.Add("h2", "v"));
        using var blank = await SendAsync(HttpMethod.Get, "/prod/search?q1=%20", null, h => h.Add("h2", "v"));

        await ResponseAssertions.AssertGatewayErrorAsync(wrongCase, HttpStatusCode.BadRequest, "Missing required request parameters: [q1]", BadRequest);
        await ResponseAssertions.AssertGatewayErrorAsync(blank, HttpStatusCode.BadRequest, "Missing required request parameters: [q1]", BadRequest);
    }

    [Fact]
    public async Task All_required_parameters_present_reaches_the_backend()
    {
        var before = fixture.Backend.RequestsReceived;

        using var response = await SendAsync(HttpMethod.Get, "/prod/search?q1=pets", null, h => h.Add("h2", "v"));

        var echo = await ResponseAssertions.EchoAsync(response);
        Assert.Equal("?q1=pets", echo.GetProperty("query").GetString());
        Assert.Equal(before + 1, fixture.Backend.RequestsReceived);
    }

    [Fact]
    public async Task A_body_that_matches_the_model_reaches_the_backend_byte_for_byte()
    {
        const string body = """{ "name": "Rex",  "tag": "dog", "age": 3 }""";

        using var response = await SendAsync(HttpMethod.Post, "/prod/pets", Json(body), h => h.Add("tenant", "t1"));

        var echo = await ResponseAssertions.EchoAsync(response);
        Assert.Equal(body, echo.GetProperty("body").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(body), echo.GetProperty("bodyLength").GetInt32());
    }

    [Theory]
    [InlineData("""{"name": "Rex"}""")] // required tag missing
    [InlineData("""{"name": "Rex", "tag": "fish"}""")] // enum, through a $ref to another model
    [InlineData("""{"name": "Rex", "tag": "dog", "age": 50}""")] // draft-04 boolean exclusiveMaximum
    [InlineData("""{"name": "Rex", "tag": "dog", "colour": "brown"}""")] // additionalProperties false
    [InlineData("""["Rex"]""")]
    public async Task A_body_that_breaks_the_model_answers_400_Invalid_request_body_and_the_backend_is_not_called(string body)
    {
        var before = fixture.Backend.RequestsReceived;

        using var response = await SendAsync(HttpMethod.Post, "/prod/pets", Json(body), h => h.Add("tenant", "t1"));

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.BadRequest, "Invalid request body", BadRequest);
        Assert.Equal(before, fixture.Backend.RequestsReceived);
    }

    [Theory]
    [InlineData("""{"name": "Rex", "tag": "dog" """)]
    [InlineData("""{"name": "Rex", "tag": "dog"} trailing""")]
    [InlineData("""{"name": "Rex", "name": "Max", "tag": "dog"}""")]
    [InlineData("   ")]
    public async Task Malformed_JSON_answers_400_Invalid_request_body(string body)
    {
        var before = fixture.Backend.RequestsReceived;

        using var response = await SendAsync(HttpMethod.Post, "/prod/pets", Json(body), h => h.Add("tenant", "t1"));

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.BadRequest, "Invalid request body", BadRequest);
        Assert.Equal(before, fixture.Backend.RequestsReceived);
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_validated_body_answers_400()
    {
        var content = new ByteArrayContent([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await SendAsync(HttpMethod.Post, "/prod/deep", content);

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.BadRequest, "Invalid request body", BadRequest);
    }

    [Fact]
    public async Task JSON_nested_deeper_than_the_configured_limit_answers_400_and_at_the_limit_passes()
    {
        var before = fixture.Backend.RequestsReceived;
        static string Nested(int depth) => "{\"a\":" + string.Concat(Enumerable.Repeat("[", depth - 1)) + string.Concat(Enumerable.Repeat("]", depth - 1)) + "}";

        using var tooDeep = await SendAsync(HttpMethod.Post, "/prod/deep", Json(Nested(ValidationEdgeFixture.MaxJsonDepth + 1)));
        using var hostile = await SendAsync(HttpMethod.Post, "/prod/deep", Json(Nested(100_000)));
        Assert.Equal(before, fixture.Backend.RequestsReceived);
        using var atLimit = await SendAsync(HttpMethod.Post, "/prod/deep", Json(Nested(ValidationEdgeFixture.MaxJsonDepth)));

        await ResponseAssertions.AssertGatewayErrorAsync(tooDeep, HttpStatusCode.BadRequest, "Invalid request body", BadRequest);
        await ResponseAssertions.AssertGatewayErrorAsync(hostile, HttpStatusCode.BadRequest, "Invalid request body", BadRequest);
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        Assert.Equal(before + 1, fixture.Backend.RequestsReceived);
    }

    [Fact]
    public async Task A_chunked_body_over_the_data_plane_limit_answers_413_and_one_under_it_is_validated_and_forwarded()
    {
        var before = fixture.Backend.RequestsReceived;
        static HttpContent Chunked(string json)
        {
            // A stream of unknown length: no Content-Length, so the limit is met while reading.
            var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(json)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return content;
        }
        static string Padded(int bytes) => "{\"p\":\"" + new string('x', bytes - 8) + "\"}";

        using var over = await SendAsync(HttpMethod.Post, "/prod/deep", Chunked(Padded(ValidationEdgeFixture.MaxBodyBytes + 1)));
        Assert.Equal(before, fixture.Backend.RequestsReceived);
        using var under = await SendAsync(HttpMethod.Post, "/prod/deep", Chunked(Padded(ValidationEdgeFixture.MaxBodyBytes / 2)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal(ValidationEdgeFixture.MaxBodyBytes / 2, (await ResponseAssertions.EchoAsync(under)).GetProperty("bodyLength").GetInt32());
        Assert.Equal(before + 1, fixture.Backend.RequestsReceived);
    }

    [Fact]
    public async Task An_empty_body_is_validated_as_an_empty_object()
    {
        using var againstRequiredProperties = await SendAsync(HttpMethod.Post, "/prod/pets", Json(""), h => h.Add("tenant", "t1"));
        using var againstAnyObject = await SendAsync(HttpMethod.Post, "/prod/deep", Json(""));

        await ResponseAssertions.AssertGatewayErrorAsync(againstRequiredProperties, HttpStatusCode.BadRequest, "Invalid request body", BadRequest);
        Assert.Equal(0, (await ResponseAssertions.EchoAsync(againstAnyObject)).GetProperty("bodyLength").GetInt32());
    }

    [Fact]
    public async Task Parameters_are_checked_before_the_body()
    {
        using var response = await SendAsync(HttpMethod.Post, "/prod/pets", Json("not json"));

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.BadRequest, "Missing required request parameters: [tenant]", BadRequest);
    }

    [Fact]
    public async Task A_media_type_without_a_model_is_not_body_validated_and_content_type_parameters_are_ignored()
    {
        using var text = await SendAsync(HttpMethod.Post, "/prod/pets", new StringContent("free text", Encoding.UTF8, "text/plain"), h => h.Add("tenant", "t1"));
        var charset = new StringContent("""{"name": "Rex"}""");
        charset.Headers.ContentType = MediaTypeHeaderValue.Parse("Application/JSON; charset=utf-8");
        using var withCharset = await SendAsync(HttpMethod.Post, "/prod/pets", charset, h => h.Add("tenant", "t1"));

        Assert.Equal("free text", (await ResponseAssertions.EchoAsync(text)).GetProperty("body").GetString());
        await ResponseAssertions.AssertGatewayErrorAsync(withCharset, HttpStatusCode.BadRequest, "Invalid request body", BadRequest);
    }

    [Fact]
    public async Task A_validator_that_only_checks_parameters_lets_any_body_through()
    {
        using var response = await SendAsync(HttpMethod.Put, "/prod/notes", Json("{not json"));

        Assert.Equal("{not json", (await ResponseAssertions.EchoAsync(response)).GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_method_without_a_validator_is_not_validated()
    {
        using var response = await SendAsync(HttpMethod.Get, "/prod/open", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string stageAndPath, HttpContent? content, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(method, $"http://{fixture.Edge.DataHost}:{fixture.Edge.DataPort}{stageAndPath}") { Content = content };
        request.Headers.Host = $"{fixture.ApiId}.execute-api.localhost";
        headers?.Invoke(request.Headers);
        return fixture.Edge.Data.SendAsync(request);
    }

    /// <summary>Hides the length so HttpClient sends the body chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
