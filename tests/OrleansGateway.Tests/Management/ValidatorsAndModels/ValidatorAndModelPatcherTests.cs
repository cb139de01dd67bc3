using System.Text.Json;
using OrleansGateway.Grains.Definitions;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Tests.Management.ValidatorsAndModels;

/// <summary>The pure halves of the write operations: patch paths, name rules, where models and validators are stored.</summary>
public sealed class ValidatorAndModelPatcherTests
{
    private static readonly RequestValidatorDefinition Validator = new("v", "v", false, false);
    private static readonly ModelDefinition Model = new("Pet", null, """{"type":"object"}""", "application/json");

    [Fact]
    public void A_validator_patch_sets_flags_and_a_rename_changes_the_id()
    {
        var patched = RequestValidatorPatcher.Apply(Validator,
        [
            new PatchOperation("replace", "/validateRequestBody", "true", null),
            new PatchOperation("replace", "/name", "renamed", null),
        ]);

        Assert.Equal(new RequestValidatorDefinition("renamed", "renamed", true, false), patched);
    }

    [Theory]
    [InlineData("replace", "/nope", "Invalid patch path /nope")]
    [InlineData("add", "/validateRequestBody", "Invalid patch operation specified")]
    [InlineData("replace", "/name", "Invalid request validator name specified")]
    public void Bad_validator_patches_are_refused(string op, string path, string message)
    {
        var value = path == "/name" ? "a/b" : "true";

        var error = Assert.Throws<ManagementException>(() => RequestValidatorPatcher.Apply(Validator, [new PatchOperation(op, path, value, null)]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_model_description_takes_it_out_of_the_schema()
    {
        var described = ModelPatcher.Apply(Model, [new PatchOperation("replace", "/description", "a pet", null)]);
        var stored = DocumentModels.Put(ApiDefinition.Empty, described);
        var removed = ModelPatcher.Apply(DocumentModels.Find(stored, "Pet")!, [new PatchOperation("remove", "/description", null, null)]);

        Assert.Equal("a pet", DocumentModels.Find(stored, "Pet")!.Description);
        Assert.Null(removed.Description);
        Assert.False(JsonDocument.Parse(removed.Schema).RootElement.TryGetProperty("description", out _));
    }

    [Theory]
    [InlineData("Pet_1")]
    [InlineData("")]
    public void Model_names_must_be_alphanumeric(string name) =>
        Assert.Contains("alphanumeric", Assert.Throws<ManagementException>(() => ModelPatcher.Validate(Model with { Name = name })).Message, StringComparison.Ordinal);

    [Fact]
    public void Request_models_are_references_in_the_operations_request_body_and_removing_the_last_drops_it()
    {
        var set = OperationRequestModels.Set("""{"summary":"x"}""", "application/json", "Pet");
        var removed = OperationRequestModels.Set(set, "application/json", null);

        Assert.Equal(new Dictionary<string, string> { ["application/json"] = "Pet" }, OperationRequestModels.Read(set));
        Assert.Equal("""{"summary":"x"}""", removed);
    }

    [Fact]
    public void A_model_referenced_by_a_method_or_another_model_is_found()
    {
        var definition = DocumentModels.Put(DocumentModels.Put(ApiDefinition.Empty, Model),
            new ModelDefinition("Owner", null, """{"properties":{"pet":{"$ref":"#/components/schemas/Pet"}}}""", "application/json"));
        var method = new MethodDefinition("POST", "NONE", null, false, null, new Dictionary<string, bool>(), null,
            new Dictionary<string, string>(), OperationRequestModels.Set(null, "application/json", "Owner"), [], null);
        definition = definition with { Resources = [new ResourceDefinition("/owners", new Dictionary<string, MethodDefinition> { ["POST"] = method })] };

        Assert.Equal("model Owner", DocumentModels.FirstReference(definition, "Pet"));
        Assert.Equal("POST /owners", DocumentModels.FirstReference(definition, "Owner"));
    }

    [Fact]
    public void Validators_round_trip_through_the_extension_and_a_rename_moves_methods()
    {
        var method = new MethodDefinition("GET", "NONE", null, false, null, new Dictionary<string, bool>(), null,
            new Dictionary<string, string>(), null, [], "v");
        var definition = RequestValidatorExtension.Write(
            ApiDefinition.Empty with { Resources = [new ResourceDefinition("/", new Dictionary<string, MethodDefinition> { ["GET"] = method })] },
            [Validator, new RequestValidatorDefinition("w", "w", true, true)]);

        var renamed = RequestValidatorExtension.Rename(definition, "v", "v2");

        Assert.Equal([Validator, new RequestValidatorDefinition("w", "w", true, true)], RequestValidatorExtension.Read(definition));
        Assert.Equal("GET /", RequestValidatorExtension.FirstUser(definition, "v"));
        Assert.Equal("v2", renamed.Resources[0].Methods["GET"].RequestValidatorName);
        Assert.Null(RequestValidatorExtension.FirstUser(definition, "w"));
    }
}
