using Newtonsoft.Json.Linq;
using OrleansGateway.Edge.DataPlane.Validation;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Tests.Validation;

/// <summary>How validators and models are compiled from a deployed API definition.</summary>
public sealed class RequestValidatorCompilerTests
{
    private const string Validators = """{"all": {"validateRequestBody": true, "validateRequestParameters": true}, "none": {}}""";

    [Fact]
    public void A_model_may_reference_another_as_an_API_Gateway_model_URL()
    {
        var api = Api("""{"components": {"schemas": {"Name": {"type": "string", "maxLength": 3}}}}""");
        var validator = Compile(api, """{"type": "object", "properties": {"n": {"$ref": "https://apigateway.amazonaws.com/restapis/abc/models/Name"}}}""");

        var model = validator!.ModelFor("application/json")!;

        Assert.Empty(model.Validate(JToken.Parse("""{"n": "abc"}""")));
        Assert.NotEmpty(model.Validate(JToken.Parse("""{"n": "abcd"}""")));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://127.0.0.1:9/schema.json")]
    public void A_model_that_references_outside_the_API_refuses_every_body(string reference)
    {
        var problems = new List<string>();
        var validator = Compile(Api(null), $$"""{"$ref": "{{reference}}"}""", problems);

        var model = validator!.ModelFor("application/json")!;

        Assert.NotEmpty(model.Validate(JToken.Parse("{}")));
        Assert.Contains(problems, p => p.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public void Required_parameters_are_listed_by_name_and_optional_ones_are_left_out()
    {
        var method = Method("all", null) with
        {
            RequestParameters = new Dictionary<string, bool>
            {
                ["method.request.querystring.q1"] = true,
                ["method.request.header.H2"] = true,
                ["method.request.path.id"] = true,
                ["method.request.querystring.page"] = false,
            },
        };

        var validator = new RequestValidatorCompiler(Api(null), _ => { }).Compile(method);

        Assert.Equal(["H2", "id", "q1"], validator!.RequiredParameters.Select(p => p.Name));
        Assert.Equal(
            [RequestParameterSource.Header, RequestParameterSource.Path, RequestParameterSource.QueryString],
            validator.RequiredParameters.Select(p => p.Source));
    }

    [Fact]
    public void A_validator_that_checks_nothing_or_is_not_defined_compiles_to_none()
    {
        var problems = new List<string>();
        var compiler = new RequestValidatorCompiler(Api(null), problems.Add);

        Assert.Null(compiler.Compile(Method("none", """{"type": "object"}""")));
        Assert.Null(compiler.Compile(Method("missing", """{"type": "object"}""")));
        Assert.Single(problems);
    }

    [Fact]
    public void The_same_model_is_compiled_once_per_stage()
    {
        var compiler = new RequestValidatorCompiler(Api(null), _ => { });

        var first = compiler.Compile(Method("all", """{"type": "object"}"""))!.ModelFor(null);
        var second = compiler.Compile(Method("all", """{"type": "object"}"""))!.ModelFor("application/json; charset=utf-8");

        Assert.NotNull(first);
        Assert.Same(first, second);
    }

    private static CompiledRequestValidator? Compile(ApiDefinition api, string schema, List<string>? problems = null) =>
        new RequestValidatorCompiler(api, (problems ?? []).Add).Compile(Method("all", schema));

    private static ApiDefinition Api(string? documentJson) =>
        ApiDefinition.Empty with
        {
            Extensions = new Dictionary<string, string> { [RequestValidatorCompiler.ValidatorsExtension] = Validators },
            DocumentJson = documentJson,
        };

    private static MethodDefinition Method(string validator, string? schema) => new(
        "POST", "NONE", null, false, null, new Dictionary<string, bool>(), null, new Dictionary<string, string>(),
        schema is null ? "{}" : """{"requestBody": {"content": {"application/json": {"schema": """ + schema + "}}}}",
        [], validator);
}
