using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Audit;

namespace OrleansGateway.Tests.Audit;

public sealed class AuditParameterMaskerTests
{
    private static string Masked(string json, string eventName)
    {
        var node = JsonNode.Parse(json);
        AuditParameterMasker.Mask(node, eventName);
        return node!.ToJsonString();
    }

    [Fact]
    public void An_api_keys_value_is_hidden_but_its_name_kept() =>
        Assert.Equal("""{"body":{"name":"k","value":"HIDDEN_DUE_TO_SECURITY_REASONS"}}""", Masked("""{"body":{"name":"k","value":"secret-key-value"}}""", "CreateApiKey"));

    [Fact]
    public void A_patch_value_is_kept_unless_its_path_names_a_secret() =>
        Assert.Equal(
            """{"patchOperations":[{"op":"replace","path":"/description","value":"x"},{"op":"replace","path":"/clientSecret","value":"HIDDEN_DUE_TO_SECURITY_REASONS"}]}""",
            Masked("""{"patchOperations":[{"op":"replace","path":"/description","value":"x"},{"op":"replace","path":"/clientSecret","value":"s"}]}""", "UpdateAuthorizer"));

    [Theory]
    [InlineData("SecretAccessKey")]
    [InlineData("Password")]
    [InlineData("privateKeyPem")]
    [InlineData("authorizationToken")]
    [InlineData("token")]
    [InlineData("x-api-key")]
    public void Fields_named_as_secrets_are_hidden_anywhere(string field) =>
        Assert.Equal($$"""{"outer":[{"{{field}}":"HIDDEN_DUE_TO_SECURITY_REASONS"}]}""", Masked($$"""{"outer":[{"{{field}}":"s3cr3t"}]}""", "AnyOperation"));

    [Fact]
    public void A_value_field_of_other_operations_is_kept() =>
        Assert.Equal("""{"value":"PRIVATE"}""", Masked("""{"value":"PRIVATE"}""", "UpdateRestApi"));
}
