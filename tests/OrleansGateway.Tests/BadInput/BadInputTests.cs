using System.Text;
using System.Text.Json;

namespace OrleansGateway.Tests.BadInput;

/// <summary>
/// Malformed requests written byte by byte to a whole dev-mode edge: each is refused with the right
/// 4xx (an AWS-style JSON body when the gateway answers, none when Kestrel does) and the backend, a
/// real Kestrel server counting its calls, never sees it.
/// </summary>
public sealed class BadInputTests(BadInputEdgeFixture fixture) : IClassFixture<BadInputEdgeFixture>
{
    private const string Chunked = "Transfer-Encoding: chunked\r\n";
    private const string HelloChunks = "5\r\nhello\r\n0\r\n\r\n";

    public static TheoryData<string, string, string, string> RefusedByKestrel => new()
    {
        // name, request line, headers, body
        { "duplicate Content-Length", "POST /prod/a HTTP/1.1", "Content-Length: 5\r\nContent-Length: 4\r\n", "hello" },
        { "Content-Length list", "POST /prod/a HTTP/1.1", "Content-Length: 5, 5\r\n", "hello" },
        { "Transfer-Encoding xchunked", "POST /prod/a HTTP/1.1", "Transfer-Encoding: xchunked\r\n", HelloChunks },
        { "Transfer-Encoding chunked, identity", "POST /prod/a HTTP/1.1", "Transfer-Encoding: chunked, identity\r\n", HelloChunks },
        { "Transfer-Encoding with a vertical tab", "POST /prod/a HTTP/1.1", "Transfer-Encoding: \vchunked\r\n", HelloChunks },
        { "space before the colon", "POST /prod/a HTTP/1.1", "Transfer-Encoding : chunked\r\n", HelloChunks },
        { "bare CR in a header", "GET /prod/a HTTP/1.1", "X-A: 1\rX-B: 2\r\n", "" },
        { "obs-fold continuation", "GET /prod/a HTTP/1.1", "X-A: 1\r\n 2\r\n", "" },
        { "NUL in a header value", "GET /prod/a HTTP/1.1", "X-A: 1\0 2\r\n", "" },
        { "NUL in a header name", "GET /prod/a HTTP/1.1", "X\0A: 1\r\n", "" },
        { "non-ASCII in a header value", "GET /prod/a HTTP/1.1", "X-A: caf\u00e9\r\n", "" },
        { "raw non-ASCII byte in the path", "GET /prod/a\u00ff HTTP/1.1", "", "" },
        { "%00 in the path", "GET /prod/a%00b HTTP/1.1", "", "" },
        { "space in the target", "GET /prod/a b HTTP/1.1", "", "" },
        { "two Host headers", "GET /prod/a HTTP/1.1", "Host: other\r\n", "" },
    };

    [Theory]
    [MemberData(nameof(RefusedByKestrel))]
    public async Task Malformed_framing_is_refused_by_Kestrel_with_400_and_no_body_before_any_middleware(string name, string requestLine, string headers, string body)
    {
        var before = fixture.BackendCalls;

        var response = await SendAsync(BadInputRequests.Raw(fixture.Host, requestLine, headers, body));

        Assert.True(response.Status == 400, $"{name}: {response}");
        Assert.False(response.Headers.ContainsKey("x-amzn-ErrorType"), name);
        Assert.Equal(before, fixture.BackendCalls);
    }

    [Theory]
    [InlineData("bare LF ending every line", "GET /prod/a HTTP/1.1\nHost: {0}\nConnection: close\n\n")]
    [InlineData("bare LF inside the headers", "GET /prod/a HTTP/1.1\r\nHost: {0}\r\nX-A: 1\nX-B: 2\r\nConnection: close\r\n\r\n")]
    public async Task A_bare_LF_line_ending_is_refused_with_400(string name, string request)
    {
        var before = fixture.BackendCalls;

        var response = await SendAsync(Encoding.Latin1.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, request, fixture.Host)));

        Assert.True(response.Status == 400, $"{name}: {response}");
        Assert.Equal(before, fixture.BackendCalls);
    }

    public static TheoryData<string, string, string, string> RefusedByTheGateway => new()
    {
        { "Content-Length and Transfer-Encoding", "POST /prod/a HTTP/1.1", "Content-Length: 5\r\n" + Chunked, HelloChunks },
        { "Transfer-Encoding and Content-Length", "POST /prod/a HTTP/1.1", Chunked + "Content-Length: 3\r\n", HelloChunks },
        { "Transfer-Encoding gzip, chunked", "POST /prod/a HTTP/1.1", "Transfer-Encoding: gzip, chunked\r\n", HelloChunks },
        { "Transfer-Encoding identity, chunked", "POST /prod/a HTTP/1.1", "Transfer-Encoding: identity, chunked\r\n", HelloChunks },
        { "Transfer-Encoding twice", "POST /prod/a HTTP/1.1", Chunked + Chunked, HelloChunks },
        { "Transfer-Encoding on HTTP/1.0", "POST /prod/a HTTP/1.0", Chunked, HelloChunks },
        { "control character in a header value", "GET /prod/a HTTP/1.1", "X-A: 1\u0001 2\r\n", "" },
        { "a separator in a header name", "GET /prod/a HTTP/1.1", "X-F(z: v\r\n", "" },
        { "DEL in a header value", "GET /prod/a HTTP/1.1", "X-A: 1\u007f\r\n", "" },
        { "invalid UTF-8 %FF in the path", "GET /prod/a%ff HTTP/1.1", "", "" },
        { "truncated UTF-8 in the path", "GET /prod/a%c3%28 HTTP/1.1", "", "" },
        { "overlong UTF-8 in the path", "GET /prod/a%c0%af HTTP/1.1", "", "" },
        { "UTF-16 surrogate in the path", "GET /prod/a%ed%a0%80 HTTP/1.1", "", "" },
        { "invalid UTF-8 in the query", "GET /prod/a?q=%ff HTTP/1.1", "", "" },
        { "bad percent-escape in the query", "GET /prod/a?q=%zz HTTP/1.1", "", "" },
        { "dangling percent in the query", "GET /prod/a?q=% HTTP/1.1", "", "" },
        { "too many query parameters", $"GET /prod/a?{string.Join('&', Enumerable.Range(0, 513).Select(i => $"p{i}=1"))} HTTP/1.1", "", "" },
        { "one query parameter too long", $"GET /prod/a?q={new string('a', 4097)} HTTP/1.1", "", "" },
    };

    [Theory]
    [MemberData(nameof(RefusedByTheGateway))]
    public async Task What_Kestrel_lets_through_is_refused_by_the_gateway_with_400_Bad_Request(string name, string requestLine, string headers, string body)
    {
        var before = fixture.BackendCalls;

        var response = await SendAsync(BadInputRequests.Raw(fixture.Host, requestLine, headers, body));

        AssertGatewayError(response, 400, "Bad Request", "BadRequestException", name);
        Assert.Equal(before, fixture.BackendCalls);
    }

    public static TheoryData<string, string> TooLongUrls => new()
    {
        { "query string over 8 KB", $"GET /prod/a?{string.Join('&', Enumerable.Range(0, 300).Select(i => $"p{i}=" + new string('v', 25)))} HTTP/1.1" },
        { "URL over 10,240 characters", $"GET /prod/a?q={new string('a', 12_000)} HTTP/1.1" },
        { "more than 128 path segments", $"GET /prod/{string.Join('/', Enumerable.Repeat("s", 129))} HTTP/1.1" },
        { "a path segment over 1 KB", $"GET /prod/{new string('s', 1025)} HTTP/1.1" },
    };

    [Theory]
    [MemberData(nameof(TooLongUrls))]
    public async Task An_over_long_URL_is_refused_with_414_Request_URI_Too_Long(string name, string requestLine)
    {
        var before = fixture.BackendCalls;

        var response = await SendAsync(BadInputRequests.Raw(fixture.Host, requestLine));

        AssertGatewayError(response, 414, "Request-URI Too Long", "RequestUriTooLongException", name);
        Assert.Equal(before, fixture.BackendCalls);
    }

    [Fact]
    public async Task A_request_line_over_Kestrels_16_KB_limit_is_refused_with_414_and_no_body()
    {
        var response = await SendAsync(BadInputRequests.Raw(fixture.Host, $"GET /prod/a?q={new string('a', 17_000)} HTTP/1.1"));

        Assert.Equal(414, response.Status);
    }

    [Theory]
    [InlineData(101, 10)]
    [InlineData(1, 40_000)]
    public async Task Too_many_or_too_large_headers_are_refused_by_Kestrel_with_431(int count, int valueLength)
    {
        var before = fixture.BackendCalls;
        var headers = string.Concat(Enumerable.Range(0, count).Select(i => $"X-H{i}: {new string('v', valueLength)}\r\n"));

        var response = await SendAsync(BadInputRequests.Raw(fixture.Host, "GET /prod/a HTTP/1.1", headers));

        Assert.Equal(431, response.Status);
        Assert.Equal(before, fixture.BackendCalls);
    }

    [Fact]
    public async Task An_unknown_HTTP_version_is_answered_505_by_Kestrel_and_never_reaches_the_backend()
    {
        var before = fixture.BackendCalls;

        var response = await SendAsync(BadInputRequests.Raw(fixture.Host, "GET /prod/a HTTP/2.0"));

        Assert.Equal(505, response.Status);
        Assert.Equal(before, fixture.BackendCalls);
    }

    public static TheoryData<string, byte[], string> MalformedJson => new()
    {
        { "truncated", "{\"a\": 1"u8.ToArray(), "application/json" },
        { "trailing garbage", "{\"a\": 1} x"u8.ToArray(), "application/json" },
        { "two values", "{} {}"u8.ToArray(), "application/json" },
        { "a comment", "{\"a\": 1 /* c */}"u8.ToArray(), "application/json" },
        { "a trailing comma", "[1,]"u8.ToArray(), "application/json" },
        { "single quotes", "{'a': 1}"u8.ToArray(), "application/json; charset=utf-8" },
        { "invalid UTF-8 in a string", [.. "{\"a\": \""u8, 0xC3, 0x28, .. "\"}"u8], "application/json" },
        { "a lone continuation byte", [.. "[\""u8, 0x80, .. "\"]"u8], "application/json" },
        { "Latin-1 text", [.. "[\"caf"u8, 0xE9, .. "\"]"u8], "application/json" },
        { "nested one deeper than the limit", Encoding.UTF8.GetBytes(BadInputRequests.Nested(BadInputEdgeFixture.MaxJsonDepth + 1)), "application/json" },
        { "nested 100,000 deep", Encoding.UTF8.GetBytes(BadInputRequests.Nested(100_000)), "application/json" },
        { "malformed under a +json media type", "{\"a\""u8.ToArray(), "application/problem+json" },
    };

    [Theory]
    [MemberData(nameof(MalformedJson))]
    public async Task A_body_declared_as_JSON_that_is_not_answers_400_Invalid_request_body(string name, byte[] body, string mediaType)
    {
        var before = fixture.BackendCalls;

        var response = await SendAsync(BadInputRequests.JsonPost(fixture.Host, "/prod/a", body, mediaType));

        AssertGatewayError(response, 400, "Invalid request body", "BadRequestException", name);
        Assert.Equal(before, fixture.BackendCalls);
    }

    [Theory]
    [InlineData("5\r\nhello\r\nzz\r\n0\r\n\r\n")] // chunk size not hex
    [InlineData("5\r\nhelloXY\r\n0\r\n\r\n")] // chunk longer than its size
    [InlineData("5\r\nhello0\r\n\r\n")] // no CRLF after the chunk data
    public async Task A_chunked_body_with_broken_framing_is_refused_before_the_backend_is_called(string chunks)
    {
        var before = fixture.BackendCalls;

        var response = await SendAsync(BadInputRequests.Raw(fixture.Host, "POST /prod/a HTTP/1.1", Chunked + "Content-Type: text/plain\r\n", chunks));

        Assert.True(response.Status is 400, response.ToString());
        Assert.Equal(before, fixture.BackendCalls);
    }

    [Fact]
    public async Task JSON_nested_exactly_to_the_limit_reaches_the_backend_byte_for_byte()
    {
        var body = Encoding.UTF8.GetBytes(" \r\n" + BadInputRequests.Nested(BadInputEdgeFixture.MaxJsonDepth) + "\t");

        var echo = await EchoAsync(BadInputRequests.JsonPost(fixture.Host, "/prod/a", body));

        Assert.Equal(Encoding.UTF8.GetString(body), echo.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_large_JSON_body_with_a_long_string_and_non_ASCII_text_reaches_the_backend_intact()
    {
        var text = string.Concat(Enumerable.Repeat("grüße 😀 ", 20_000));
        var body = JsonSerializer.SerializeToUtf8Bytes(new { text, items = Enumerable.Range(0, 5_000).ToArray() });

        var echo = await EchoAsync(BadInputRequests.JsonPost(fixture.Host, "/prod/a", body));

        Assert.Equal(body.Length, echo.GetProperty("bodyLength").GetInt32());
        Assert.Equal(text, JsonDocument.Parse(echo.GetProperty("body").GetString()!).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_chunked_JSON_body_is_checked_and_forwarded_whole_with_only_one_framing_header()
    {
        const string json = "{\"name\": \"Rex\"}";
        var chunks = $"6\r\n{json[..6]}\r\n{json.Length - 6:x}\r\n{json[6..]}\r\n0\r\n\r\n";

        var echo = await EchoAsync(BadInputRequests.Raw(fixture.Host, "POST /prod/a HTTP/1.1", Chunked + "Content-Type: application/json\r\n", chunks));

        Assert.Equal(json, echo.GetProperty("body").GetString());
        var headers = echo.GetProperty("headers");
        Assert.False(headers.TryGetProperty("content-length", out _) && headers.TryGetProperty("transfer-encoding", out _), headers.ToString());
        Assert.False(headers.TryGetProperty("x-content-length", out _));
    }

    [Fact]
    public async Task Smuggling_is_refused_before_authorization_but_malformed_JSON_only_after_it_as_API_Gateway_orders_validation()
    {
        var before = fixture.BackendCalls;

        var smuggled = await SendAsync(BadInputRequests.Raw(fixture.Host, "POST /prod/keyed HTTP/1.1", "Content-Length: 5\r\n" + Chunked, HelloChunks));
        var malformed = await SendAsync(BadInputRequests.JsonPost(fixture.Host, "/prod/keyed", "{\"a\""u8.ToArray()));

        AssertGatewayError(smuggled, 400, "Bad Request", "BadRequestException", "CL+TE without an API key");
        AssertGatewayError(malformed, 403, "Forbidden", "ForbiddenException", "malformed JSON without an API key");
        Assert.Equal(before, fixture.BackendCalls);
    }

    [Fact]
    public async Task An_empty_body_declared_as_JSON_is_not_malformed_and_is_forwarded()
    {
        var echo = await EchoAsync(BadInputRequests.JsonPost(fixture.Host, "/prod/a", []));

        Assert.Equal(0, echo.GetProperty("bodyLength").GetInt32());
    }

    [Fact]
    public async Task A_body_that_is_not_declared_as_JSON_is_forwarded_unchecked()
    {
        var echo = await EchoAsync(BadInputRequests.JsonPost(fixture.Host, "/prod/a", "{not json"u8.ToArray(), "text/plain"));

        Assert.Equal("{not json", echo.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_stage_tagged_jsonBodyCheck_off_forwards_malformed_JSON_as_API_Gateway_does_without_a_validator()
    {
        var echo = await EchoAsync(BadInputRequests.JsonPost(fixture.Host, "/lenient/a", "{\"a\": "u8.ToArray()));

        Assert.Equal("{\"a\": ", echo.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Well_formed_UTF_8_in_the_path_and_query_reaches_the_backend_decoded_once()
    {
        var echo = await EchoAsync(BadInputRequests.Raw(fixture.Host, "GET /prod/caf%C3%A9?q=%F0%9F%98%80&r=a+b HTTP/1.1"));

        Assert.Equal("/café", echo.GetProperty("path").GetString());
        Assert.Equal("?q=%F0%9F%98%80&r=a+b", echo.GetProperty("query").GetString());
    }

    private Task<RawHttpExchange> SendAsync(byte[] request) => RawHttpExchange.SendAsync(fixture.Port, request);

    private async Task<JsonElement> EchoAsync(byte[] request)
    {
        var before = fixture.BackendCalls;
        var response = await SendAsync(request);
        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal(before + 1, fixture.BackendCalls);
        return JsonDocument.Parse(response.Body).RootElement.Clone();
    }

    private static void AssertGatewayError(RawHttpExchange response, int status, string message, string errorType, string name)
    {
        Assert.True(response.Status == status, $"{name}: {response}");
        Assert.Equal(errorType, response.Headers["x-amzn-ErrorType"]);
        Assert.Equal(message, JsonDocument.Parse(response.Body).RootElement.GetProperty("message").GetString());
        Assert.True(response.Headers.ContainsKey("x-amzn-RequestId"), name);
    }
}
