using System.Text;
using Newtonsoft.Json.Linq;
using OrleansGateway.Edge.DataPlane.Validation;

namespace OrleansGateway.Tests.Validation;

/// <summary>
/// The validator's body reader builds strict JSON straight from the UTF-8 bytes and leaves the rest
/// to the Newtonsoft reader; either way the tree (and so what a model accepts) and the refusals must
/// be the ones the Newtonsoft reader alone gives.
/// </summary>
public sealed class JsonBodyReaderTests
{
    private const int MaxDepth = 8;

    public static TheoryData<string> StrictBodies() => new()
    {
        """{"name":"Rex","type":"dog","age":4,"tags":["a","b"],"owner":{"id":"owner-1","email":"j@example.com"},"notes":null}""",
        """[1, -0, 0, 9223372036854775807, -9223372036854775808, 1.0, 1.50, 1e5, 2E-3, -0.0, 123456789012345678.5]""",
        """  {"esc\"aped":"line\nbreak \u00e9 \ud83d\ude00 \/", "empty":"", "t":true, "f":false, "n":null, "o":{}, "a":[]}  """,
        """{"date":"2024-01-02T03:04:05Z","big":"12345678901234567890123"}""",
        "\"just a string\"",
        "42",
        "[[[[[[1]]]]]]",
    };

    [Theory]
    [MemberData(nameof(StrictBodies))]
    public void Strict_json_is_built_into_the_same_tree_with_the_same_value_types_as_the_Newtonsoft_reader(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var strict = JsonBodyReader.TryReadStrict(bytes, MaxDepth);
        var lenient = JsonBodyReader.ReadLenient(bytes, MaxDepth, out var error);

        Assert.Null(error);
        Assert.NotNull(strict);
        Assert.NotNull(lenient);
        Assert.True(JToken.DeepEquals(lenient, strict), $"{lenient} != {strict}");
        Assert.Equal(Describe(lenient), Describe(strict));
    }

    [Theory]
    [InlineData("{\"a\":1 /* comment */}")]
    [InlineData("{'a':1}")]
    [InlineData("{a:1}")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("[99999999999999999999999]")]
    [InlineData("[1e400]")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{\"a\":")]
    [InlineData("   ")]
    [InlineData("[NaN]")]
    [InlineData("[[[[[[[[1]]]]]]]]")]
    [InlineData("[[[[[[[[[1]]]]]]]]]")]
    [InlineData("\uFEFF{\"a\":1}")]
    public void Anything_but_strict_json_below_the_depth_limit_is_left_to_the_Newtonsoft_reader_with_its_outcome(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var token = JsonBodyReader.Read(bytes, MaxDepth, out var error);
        var lenient = JsonBodyReader.ReadLenient(bytes, MaxDepth, out var lenientError);

        Assert.Null(JsonBodyReader.TryReadStrict(bytes, MaxDepth));
        Assert.Equal(lenientError, error);
        Assert.Equal(lenient is null, token is null);
        if (lenient is not null)
        {
            Assert.True(JToken.DeepEquals(lenient, token));
        }
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_refused_as_not_utf8()
    {
        byte[] bytes = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var token = JsonBodyReader.Read(bytes, MaxDepth, out var error);

        Assert.Null(token);
        Assert.Equal("the body is not valid UTF-8", error);
    }

    [Fact]
    public void Duplicate_property_names_and_trailing_content_are_refused()
    {
        Assert.Null(JsonBodyReader.Read("{\"a\":1,\"a\":2}"u8.ToArray(), MaxDepth, out var duplicate));
        Assert.Null(JsonBodyReader.Read("{\"a\":1} {}"u8.ToArray(), MaxDepth, out var trailing));

        Assert.NotNull(duplicate);
        Assert.NotNull(trailing);
    }

    [Fact]
    public async Task A_body_that_breaks_its_model_gets_the_same_validation_errors_from_either_reader()
    {
        var model = await NJsonSchema.JsonSchema.FromJsonAsync(
            """{"type":"object","required":["name","owner"],"properties":{"name":{"type":"string","maxLength":3},"age":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"}}}}""");
        var bytes = """{"name":"Rex the second","age":1.5,"tags":["a",2]}"""u8.ToArray();

        var strict = JsonBodyReader.TryReadStrict(bytes, MaxDepth);
        var lenient = JsonBodyReader.ReadLenient(bytes, MaxDepth, out _);
        var strictErrors = BodySchemaValidator.Validate(model, strict!).Select(e => e.ToString()).ToList();
        var lenientErrors = BodySchemaValidator.Validate(model, lenient!).Select(e => e.ToString()).ToList();

        Assert.Equal(4, lenientErrors.Count);
        Assert.Equal(lenientErrors, strictErrors);
    }

    /// <summary>Every node's JSON type and CLR value type, in document order.</summary>
    private static string Describe(JToken token) =>
        string.Join(" ", (token is JContainer container ? container.DescendantsAndSelf() : [token]).Select(t => t is JValue v ? $"{v.Type}:{v.Value?.GetType().Name}:{v.Value}" : t.Type.ToString()));
}
