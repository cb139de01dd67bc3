using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Integrations.Mappings;

namespace OrleansGateway.Tests.Mappings;

/// <summary>The pieces of mapping compilation that need no request: JSONPath, import rules, value syntax.</summary>
public sealed class MappingUnitTests
{
    private static readonly Dictionary<string, string> NoVariables = [];

    [Theory]
    [InlineData("a.b", "deep")]
    [InlineData("$.a.b", "deep")]
    [InlineData("$['a']['b']", "deep")]
    [InlineData("list[1].name", "second")]
    [InlineData("$.count", "3")]
    [InlineData("$.flag", "true")]
    [InlineData("$.list[0]", "{\"name\":\"first\"}")]
    public void Body_paths_pick_values_from_json(string path, string expected)
    {
        using var document = JsonDocument.Parse("""{"a":{"b":"deep"},"list":[{"name":"first"},{"name":"second"}],"count":3,"flag":true,"nothing":null}""");

        var parsed = ResponseBodyPath.Parse(path);

        Assert.NotNull(parsed);
        Assert.Equal(expected, parsed.Evaluate(document.RootElement));
    }

    [Theory]
    [InlineData("a.missing")]
    [InlineData("list[5]")]
    [InlineData("a[0]")]
    [InlineData("nothing")]
    public void Body_paths_to_nothing_give_no_value(string path)
    {
        using var document = JsonDocument.Parse("""{"a":{"b":"deep"},"list":[{"name":"first"}],"nothing":null}""");

        Assert.Null(ResponseBodyPath.Parse(path)!.Evaluate(document.RootElement));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a[*]")]
    [InlineData("$..a")]
    [InlineData("a[?(@.x)]")]
    [InlineData("a[1")]
    public void Body_paths_outside_the_subset_are_refused(string path) => Assert.Null(ResponseBodyPath.Parse(path));

    [Fact]
    public void Body_paths_are_bounded_in_steps()
    {
        Assert.NotNull(ResponseBodyPath.Parse(string.Join('.', Enumerable.Repeat("a", ResponseBodyPath.MaxSteps))));
        Assert.Null(ResponseBodyPath.Parse(string.Join('.', Enumerable.Repeat("a", ResponseBodyPath.MaxSteps + 1))));
    }

    [Theory]
    [InlineData("integration.request.header.X-Ok", "method.request.header.a")]
    [InlineData("integration.request.querystring.q", "'static'")]
    [InlineData("remove:header.Cookie", "''")]
    [InlineData("append:querystring.tag", "$request.header.X-Tag")]
    [InlineData("overwrite:header.Authorization", "Bearer ${request.header.token}")]
    [InlineData("overwrite:path", "/v2/${request.path.id}")]
    public void Valid_request_mappings_pass_the_import_rules(string key, string value) =>
        Assert.Null(MappingRules.CheckRequest(new Dictionary<string, string> { [key] = value }));

    [Theory]
    [InlineData("integration.request.header.Bad Name", "'x'", "not a valid name")]
    [InlineData("overwrite:header.X(y)", "v", "not a valid name")]
    [InlineData("overwrite:header.Content-Length", "0", "frames the message")]
    [InlineData("append:header.Transfer-Encoding", "chunked", "frames the message")]
    [InlineData("integration.request.body.x", "'x'", "invalid mapping key")]
    [InlineData("replace:header.x", "v", "invalid mapping key")]
    [InlineData("overwrite:header.X-Split", "a\r\nInjected: yes", "line break")]
    [InlineData("overwrite:header.X-Unknown", "$request.cookie.x", "not a supported mapping value")]
    [InlineData("overwrite:header.X-Open", "${request.header.x", "unclosed")]
    [InlineData("overwrite:header.X-Response", "$response.header.x", "cannot be mapped from the response")]
    public void Invalid_request_mappings_are_refused_naming_the_key(string key, string value, string reason)
    {
        var problem = MappingRules.CheckRequest(new Dictionary<string, string> { [key] = value });

        Assert.NotNull(problem);
        Assert.Equal(key, problem.Value.Key);
        Assert.Contains(reason, problem.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_mappings_are_refused()
    {
        var mappings = Enumerable.Range(0, MappingRules.MaxMappings + 1).ToDictionary(i => $"integration.request.header.X-{i}", _ => "'v'");

        Assert.Contains("at most", MappingRules.CheckRequest(mappings)!.Value.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("method.response.header.X-A", "integration.response.body.a.b", "invalid mapping key")]
    [InlineData("remove:header.Server", "''", null)]
    [InlineData("overwrite:statuscode", "204", null)]
    [InlineData("overwrite:statuscode", "2000", "status code")]
    [InlineData("overwrite:querystring.q", "x", "invalid mapping key")]
    public void Response_mappings_follow_the_response_rules(string key, string value, string? reason)
    {
        var problem = MappingRules.CheckResponse(new Dictionary<string, string> { [key] = value });

        if (reason is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(reason, problem!.Value.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("method.response.header.X-A", "integration.response.body.a.b", null)]
    [InlineData("remove:header.Server", "''", "invalid mapping key")]
    [InlineData("overwrite:statuscode", "204", "invalid mapping key")]
    public void Rest_integration_responses_take_rest_keys_only(string key, string value, string? reason)
    {
        var problem = MappingRules.CheckIntegrationResponse(new Dictionary<string, string> { [key] = value });

        if (reason is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(reason, problem!.Value.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Templates_with_only_text_and_stage_variables_are_static()
    {
        var expression = MappingExpression.ParseHttpApi("v-${stageVariables.env}-1", null, new Dictionary<string, string> { ["env"] = "prod" }, out _);

        Assert.Equal("v-prod-1", expression!.StaticText);
        Assert.Null(MappingExpression.ParseHttpApi("$request.header.x", null, NoVariables, out _)!.StaticText);
    }
}
