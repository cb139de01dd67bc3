using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Tests.Management.Patching;

public sealed class RestApiPatcherTests
{
    private static readonly RestApiInfo Api = new(
        "abcdefghij", "pets", "my api", "v1", DateTimeOffset.UnixEpoch, [], null, "HEADER",
        EndpointConfiguration.Default, null, new Dictionary<string, string>(), false, []);

    private static RestApiInfo Patch(RestApiInfo api, params PatchOperation[] operations) => RestApiPatcher.Apply(api, operations);

    private static PatchOperation Op(string op, string path, string? value = null) => new(op, path, value, null);

    private static ManagementException Rejected(RestApiInfo api, params PatchOperation[] operations) =>
        Assert.Throws<ManagementException>(() => RestApiPatcher.Apply(api, operations));

    [Fact]
    public void Replace_name_description_and_version_sets_them()
    {
        var patched = Patch(Api, Op("replace", "/name", "dogs"), Op("replace", "/description", "d2"), Op("replace", "/version", "v2"));

        Assert.Equal(("dogs", "d2", "v2"), (patched.Name, patched.Description, patched.Version));
    }

    [Fact]
    public void Remove_description_and_version_clears_them()
    {
        var patched = Patch(Api, Op("remove", "/description"), Op("remove", "/version"));

        Assert.Null(patched.Description);
        Assert.Null(patched.Version);
    }

    [Fact]
    public void Empty_name_is_rejected()
    {
        var error = Rejected(Api, Op("replace", "/name", ""));

        Assert.Equal(ManagementErrorType.BadRequest, error.ErrorType);
    }

    [Fact]
    public void Name_only_accepts_replace()
    {
        var error = Rejected(Api, Op("remove", "/name"));

        Assert.Equal(ManagementErrorType.BadRequest, error.ErrorType);
        Assert.Equal("Invalid patch operation specified. Must be one of: [replace]", error.Message);
    }

    [Fact]
    public void Operation_outside_the_enum_is_a_validation_error()
    {
        var error = Rejected(Api, Op("replace", "/name", "x"), Op("update", "/name", "y"));

        Assert.Equal(ManagementErrorType.Validation, error.ErrorType);
        Assert.Equal(
            "1 validation error detected: Value 'update' at 'updateRestApiInput.patchOperations.2.member.op' failed to satisfy " +
            "constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
            error.Message);
    }

    [Theory]
    [InlineData("move")]
    [InlineData("test")]
    [InlineData("copy")]
    public void Known_but_unsupported_ops_are_rejected_with_the_allowed_list(string op)
    {
        var error = Rejected(Api, Op(op, "/description", "x"));

        Assert.Equal("Invalid patch operation specified. Must be one of: [add, remove, replace]", error.Message);
    }

    [Theory]
    [InlineData("/x")]
    [InlineData("/tags")]
    [InlineData("/tags/owner")]
    [InlineData("/id")]
    [InlineData("/binaryMediaTypes")]
    public void Unknown_or_unpatchable_path_is_rejected(string path)
    {
        var error = Rejected(Api, Op("replace", path, "v"));

        Assert.Equal(ManagementErrorType.BadRequest, error.ErrorType);
        Assert.Equal($"Invalid patch path {path}", error.Message);
    }

    [Fact]
    public void Api_key_source_accepts_authorizer_and_header()
    {
        Assert.Equal("AUTHORIZER", Patch(Api, Op("replace", "/apiKeySource", "AUTHORIZER")).ApiKeySource);
        Assert.Equal("HEADER", Patch(Api with { ApiKeySource = "AUTHORIZER" }, Op("replace", "/apiKeySource", "HEADER")).ApiKeySource);
    }

    [Fact]
    public void Api_key_source_outside_the_enum_is_a_validation_error()
    {
        var error = Rejected(Api, Op("replace", "/apiKeySource", "Wrong-value-AUTHORIZER"));

        Assert.Equal(ManagementErrorType.Validation, error.ErrorType);
        Assert.Equal(
            "1 validation error detected: Value 'Wrong-value-AUTHORIZER' at 'createRestApiInput.apiKeySource' failed to satisfy " +
            "constraint: Member must satisfy enum value set: [AUTHORIZER, HEADER]",
            error.Message);
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("0", 0)]
    [InlineData("10485760", 10485760)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Minimum_compression_size_is_set_or_cleared(string? value, int? expected)
    {
        var patched = Patch(Api with { MinimumCompressionSize = 5 }, Op("replace", "/minimumCompressionSize", value));

        Assert.Equal(expected, patched.MinimumCompressionSize);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("10485761")]
    [InlineData("test")]
    public void Minimum_compression_size_out_of_range_is_rejected(string value)
    {
        var error = Rejected(Api, Op("replace", "/minimumCompressionSize", value));

        Assert.Equal("Invalid minimum compression size, must be between 0 and 10485760", error.Message);
    }

    [Fact]
    public void Minimum_compression_size_only_accepts_replace()
    {
        var error = Rejected(Api, Op("add", "/minimumCompressionSize", "10"));

        Assert.Equal("Invalid patch operation specified. Must be one of: [replace]", error.Message);
    }

    [Fact]
    public void Binary_media_types_are_added_from_the_escaped_path()
    {
        var patched = Patch(Api, Op("add", "/binaryMediaTypes/image~1png"), Op("add", "/binaryMediaTypes/image~1jpeg"));

        Assert.Equal(["image/png", "image/jpeg"], patched.BinaryMediaTypes);
    }

    [Fact]
    public void Adding_a_binary_media_type_twice_keeps_one()
    {
        var patched = Patch(Api, Op("add", "/binaryMediaTypes/*~1*"), Op("add", "/binaryMediaTypes/*~1*"));

        Assert.Equal(["*/*"], patched.BinaryMediaTypes);
    }

    [Fact]
    public void Replacing_a_binary_media_type_moves_the_new_one_last()
    {
        var api = Api with { BinaryMediaTypes = ["image/png", "image/jpeg"] };

        var patched = Patch(api, Op("replace", "/binaryMediaTypes/image~1png", "image/gif"));

        Assert.Equal(["image/jpeg", "image/gif"], patched.BinaryMediaTypes);
    }

    [Fact]
    public void Removing_a_binary_media_type_drops_it()
    {
        var api = Api with { BinaryMediaTypes = ["image/jpeg", "image/gif"] };

        var patched = Patch(api, Op("remove", "/binaryMediaTypes/image~1gif"));

        Assert.Equal(["image/jpeg"], patched.BinaryMediaTypes);
    }

    [Fact]
    public void Endpoint_type_is_replaced_by_current_type_or_index()
    {
        Assert.Equal(["REGIONAL"], Patch(Api, Op("replace", "/endpointConfiguration/types/EDGE", "REGIONAL")).EndpointConfiguration.Types);
        Assert.Equal(["PRIVATE"], Patch(Api, Op("replace", "/endpointConfiguration/types/0", "PRIVATE")).EndpointConfiguration.Types);
    }

    [Fact]
    public void Endpoint_type_outside_the_enum_is_rejected()
    {
        var error = Rejected(Api, Op("replace", "/endpointConfiguration/types/EDGE", "GLOBAL"));

        Assert.Equal("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE", error.Message);
    }

    [Fact]
    public void Endpoint_type_that_is_not_configured_is_an_invalid_path()
    {
        var error = Rejected(Api, Op("replace", "/endpointConfiguration/types/PRIVATE", "REGIONAL"));

        Assert.Equal("Invalid patch path /endpointConfiguration/types/PRIVATE", error.Message);
    }

    [Fact]
    public void Vpc_endpoint_ids_are_added_and_removed()
    {
        var added = Patch(Api, Op("add", "/endpointConfiguration/vpcEndpointIds", "vpce-1"), Op("add", "/endpointConfiguration/vpcEndpointIds", "vpce-2"));
        var removed = Patch(added, Op("remove", "/endpointConfiguration/vpcEndpointIds", "vpce-1"));

        Assert.Equal(["vpce-1", "vpce-2"], added.EndpointConfiguration.VpcEndpointIds);
        Assert.Equal(["vpce-2"], removed.EndpointConfiguration.VpcEndpointIds);
    }

    [Fact]
    public void Ip_address_type_is_replaced()
    {
        Assert.Equal("dualstack", Patch(Api, Op("replace", "/endpointConfiguration/ipAddressType", "dualstack")).EndpointConfiguration.IpAddressType);
    }

    [Fact]
    public void Policy_is_set_when_it_is_a_json_object_and_removed()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[]}""";

        var set = Patch(Api, Op("replace", "/policy", policy));
        var removed = Patch(set, Op("remove", "/policy"));

        Assert.Equal(policy, set.Policy);
        Assert.Null(removed.Policy);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Policy_that_is_not_a_json_object_is_rejected(string policy)
    {
        var error = Rejected(Api, Op("replace", "/policy", policy));

        Assert.Equal("Invalid policy document. Please check the policy syntax and try again.", error.Message);
    }

    [Fact]
    public void Policy_longer_than_the_quota_is_rejected()
    {
        var policy = "{\"a\":\"" + new string('x', RestApiPatcher.MaxPolicyLength) + "\"}";

        Assert.Equal(ManagementErrorType.BadRequest, Rejected(Api, Op("replace", "/policy", policy)).ErrorType);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("TRUE", true)]
    public void Disable_execute_api_endpoint_parses_string_booleans(string value, bool expected)
    {
        Assert.Equal(expected, Patch(Api, Op("replace", "/disableExecuteApiEndpoint", value)).DisableExecuteApiEndpoint);
    }

    [Fact]
    public void Disable_execute_api_endpoint_rejects_a_non_boolean()
    {
        var error = Rejected(Api, Op("replace", "/disableExecuteApiEndpoint", "yes"));

        Assert.Equal("Invalid value 'yes' specified for /disableExecuteApiEndpoint: expected true or false", error.Message);
    }

    [Fact]
    public void No_operations_return_the_same_settings()
    {
        Assert.Equal(Api, RestApiPatcher.Apply(Api, []));
    }
}
