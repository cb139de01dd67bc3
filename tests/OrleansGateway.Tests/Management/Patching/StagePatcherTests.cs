using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Tests.Management.Patching;

public sealed class StagePatcherTests
{
    private static readonly DateTimeOffset Created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Created.AddHours(1);

    private static readonly StageRecord Stage = new(
        "prod", "dep1", "production", new Dictionary<string, string> { ["backend"] = "a.example" }, Created, Created,
        false, false, null, new Dictionary<string, MethodSetting>(), null, new Dictionary<string, string>(), null, null);

    private static PatchOperation Op(string op, string path, string? value = null, string? from = null) => new(op, path, value, from);

    private static StageRecord Patch(StageRecord stage, params PatchOperation[] operations) =>
        StagePatcher.Apply(stage, operations, id => id is "dep1" or "dep2", Now);

    private static ManagementException Rejected(StageRecord stage, params PatchOperation[] operations) =>
        Assert.Throws<ManagementException>(() => Patch(stage, operations));

    [Fact]
    public void Deployment_id_is_repointed_to_an_existing_deployment()
    {
        var patched = Patch(Stage, Op("replace", "/deploymentId", "dep2"));

        Assert.Equal("dep2", patched.DeploymentId);
        Assert.Equal(Now, patched.LastUpdatedDate);
        Assert.Equal(Created, patched.CreatedDate);
    }

    [Fact]
    public void Unknown_deployment_id_is_rejected()
    {
        var error = Rejected(Stage, Op("replace", "/deploymentId", "nope"));

        Assert.Equal(ManagementErrorType.BadRequest, error.ErrorType);
        Assert.Equal("Deployment id does not exist", error.Message);
    }

    [Fact]
    public void Deployment_id_only_accepts_replace()
    {
        var error = Rejected(Stage, Op("remove", "/deploymentId"));

        Assert.Equal("Invalid patch operation specified. Must be one of: [replace]", error.Message);
    }

    [Fact]
    public void Description_client_certificate_and_documentation_version_are_set_and_removed()
    {
        var set = Patch(Stage, Op("replace", "/description", "new"), Op("add", "/clientCertificateId", "cert1"), Op("replace", "/documentationVersion", "1.0"));
        var removed = Patch(set, Op("remove", "/description"), Op("remove", "/clientCertificateId"), Op("remove", "/documentationVersion"));

        Assert.Equal(("new", "cert1", "1.0"), (set.Description, set.ClientCertificateId, set.DocumentationVersion));
        Assert.Equal((null, null, null), (removed.Description, removed.ClientCertificateId, removed.DocumentationVersion));
    }

    [Fact]
    public void Cache_cluster_and_tracing_are_set_from_string_values()
    {
        var patched = Patch(Stage, Op("replace", "/cacheClusterEnabled", "true"), Op("replace", "/cacheClusterSize", "6.1"), Op("replace", "/tracingEnabled", "true"));

        Assert.True(patched.CacheClusterEnabled);
        Assert.Equal("6.1", patched.CacheClusterSize);
        Assert.True(patched.TracingEnabled);
    }

    [Fact]
    public void Cache_cluster_size_outside_the_offered_sizes_is_rejected()
    {
        Assert.Equal(ManagementErrorType.BadRequest, Rejected(Stage, Op("replace", "/cacheClusterSize", "2")).ErrorType);
    }

    [Fact]
    public void Boolean_paths_reject_values_that_are_not_booleans()
    {
        var error = Rejected(Stage, Op("replace", "/tracingEnabled", "1"));

        Assert.Equal("Invalid value '1' specified for /tracingEnabled: expected true or false", error.Message);
    }

    [Fact]
    public void Variables_are_added_replaced_and_removed()
    {
        var patched = Patch(Stage, Op("add", "/variables/url", "http://x.example/a?b=c&d=e#f"), Op("replace", "/variables/backend", "b.example"), Op("remove", "/variables/url"));

        Assert.Equal(new Dictionary<string, string> { ["backend"] = "b.example" }, patched.Variables);
    }

    [Fact]
    public void Removing_an_absent_variable_changes_nothing()
    {
        Assert.Equal(Stage.Variables, Patch(Stage, Op("remove", "/variables/missing")).Variables);
    }

    [Theory]
    [InlineData("owner:app")]
    [InlineData("has-dash")]
    public void Variable_names_with_other_than_word_characters_are_rejected(string name)
    {
        var error = Rejected(Stage, Op("replace", "/variables/" + name, "v"));

        Assert.StartsWith($"Invalid stage variable name: {name}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variable_name_longer_than_64_is_rejected()
    {
        Rejected(Stage, Op("replace", "/variables/" + new string('a', 65), "v"));
        Assert.Equal(new string('a', 64), Patch(Stage, Op("replace", "/variables/" + new string('a', 64), "v")).Variables.Keys.Single(k => k.Length == 64));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("quote\"")]
    public void Variable_values_outside_the_allowed_characters_are_rejected(string value)
    {
        var error = Rejected(Stage, Op("replace", "/variables/x", value));

        Assert.StartsWith("Invalid stage variable value:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variable_value_longer_than_512_is_rejected()
    {
        Rejected(Stage, Op("replace", "/variables/x", new string('v', 513)));
    }

    [Fact]
    public void More_than_100_variables_are_rejected()
    {
        var full = Stage with { Variables = Enumerable.Range(0, 100).ToDictionary(i => "v" + i, _ => "x") };

        var error = Rejected(full, Op("add", "/variables/one_more", "x"));

        Assert.Equal("Too many stage variables specified. Maximum allowed: 100", error.Message);
    }

    [Fact]
    public void Access_log_settings_are_set_field_by_field_and_removed()
    {
        var set = Patch(Stage,
            Op("replace", "/accessLogSettings/destinationArn", "arn:aws:logs:us-east-1:1:log-group:g"),
            Op("replace", "/accessLogSettings/format", "$context.requestId $context.status"));
        var removed = Patch(set, Op("remove", "/accessLogSettings"));

        Assert.Equal(new AccessLogSettings("$context.requestId $context.status", "arn:aws:logs:us-east-1:1:log-group:g"), set.AccessLogSettings);
        Assert.Null(removed.AccessLogSettings);
    }

    [Fact]
    public void Access_log_destination_must_be_an_arn()
    {
        Assert.Equal("Invalid ARN specified in the request", Rejected(Stage, Op("replace", "/accessLogSettings/destinationArn", "my-group")).Message);
    }

    [Fact]
    public void Access_log_format_must_contain_the_request_id()
    {
        var error = Rejected(Stage, Op("replace", "/accessLogSettings/format", "$context.status"));

        Assert.Equal("Access Log format must contain at least one of $context.requestId or $context.extendedRequestId", error.Message);
    }

    [Fact]
    public void First_method_setting_starts_from_the_defaults()
    {
        var patched = Patch(Stage, Op("replace", "/~1pets/GET/metrics/enabled", "true"));

        var setting = Assert.Single(patched.MethodSettings);
        Assert.Equal("~1pets/GET", setting.Key);
        Assert.Equal(MethodSetting.Defaults with { MetricsEnabled = true }, setting.Value);
        Assert.Equal((300, 10000.0, 5000, true, "SUCCEED_WITH_RESPONSE_HEADER"),
            (setting.Value.CacheTtlInSeconds, setting.Value.ThrottlingRateLimit, setting.Value.ThrottlingBurstLimit,
             setting.Value.RequireAuthorizationForCacheControl, setting.Value.UnauthorizedCacheControlHeaderStrategy));
    }

    [Fact]
    public void Every_method_setting_field_is_patchable()
    {
        var patched = Patch(Stage,
            Op("replace", "/*/*/metrics/enabled", "true"),
            Op("replace", "/*/*/logging/dataTrace", "true"),
            Op("replace", "/*/*/logging/loglevel", "info"),
            Op("replace", "/*/*/throttling/burstLimit", "20"),
            Op("replace", "/*/*/throttling/rateLimit", "12.5"),
            Op("replace", "/*/*/caching/enabled", "true"),
            Op("replace", "/*/*/caching/ttlInSeconds", "60"),
            Op("replace", "/*/*/caching/dataEncrypted", "true"),
            Op("replace", "/*/*/caching/requireAuthorizationForCacheControl", "false"),
            Op("replace", "/*/*/caching/unauthorizedCacheControlHeaderStrategy", "FAIL_WITH_403"));

        Assert.Equal(new MethodSetting(true, "INFO", true, 20, 12.5, true, 60, true, false, "FAIL_WITH_403"), patched.MethodSettings["*/*"]);
    }

    [Fact]
    public void A_new_specific_method_setting_inherits_the_stage_wide_values()
    {
        var stageWide = Patch(Stage, Op("replace", "/*/*/throttling/rateLimit", "50"));

        var patched = Patch(stageWide, Op("replace", "/~1pets/POST/caching/enabled", "true"));

        Assert.Equal(50.0, patched.MethodSettings["~1pets/POST"].ThrottlingRateLimit);
        Assert.True(patched.MethodSettings["~1pets/POST"].CachingEnabled);
    }

    [Fact]
    public void Updating_the_stage_wide_setting_later_does_not_override_a_specific_one()
    {
        var specific = Patch(Stage, Op("replace", "/~1pets/GET/throttling/rateLimit", "5"));

        var patched = Patch(specific, Op("replace", "/*/*/throttling/rateLimit", "50"));

        Assert.Equal(5.0, patched.MethodSettings["~1pets/GET"].ThrottlingRateLimit);
        Assert.Equal(50.0, patched.MethodSettings["*/*"].ThrottlingRateLimit);
    }

    [Fact]
    public void Unescaped_multi_segment_resource_paths_key_with_escaped_slashes()
    {
        var patched = Patch(Stage, Op("replace", "/pets/{id}/GET/caching/enabled", "true"), Op("replace", "/test/GET/caching/enabled", "true"));

        Assert.Equal(["pets~1{id}/GET", "test/GET"], patched.MethodSettings.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Removing_a_method_setting_drops_the_entry()
    {
        var set = Patch(Stage, Op("replace", "/*/*/metrics/enabled", "true"), Op("replace", "/~1pets/GET/metrics/enabled", "true"));

        var removed = Patch(set, Op("remove", "/*/*"), Op("remove", "/~1pets/GET"));

        Assert.Empty(removed.MethodSettings);
    }

    [Fact]
    public void Removing_an_absent_method_setting_is_rejected()
    {
        var error = Rejected(Stage, Op("remove", "/*/*"));

        Assert.Equal("Cannot remove method setting */* because there is no method setting for this method ", error.Message);
    }

    [Theory]
    [InlineData("/x")]
    [InlineData("/variables")]
    [InlineData("/~1pets/ANY/metrics/enabled")]
    [InlineData("/~1pets/GET/metrics/bogus")]
    [InlineData("/*/GET/metrics/enabled")]
    [InlineData("/~1pets/*/metrics/enabled")]
    [InlineData("/stageName")]
    public void Unknown_path_lists_the_valid_paths(string path)
    {
        var error = Rejected(Stage, Op("replace", path, "true"));

        Assert.Equal($"Invalid method setting path: {path}. Must be one of: {StagePatcher.ValidPathsText}", error.Message);
    }

    [Fact]
    public void Method_setting_values_are_validated()
    {
        Rejected(Stage, Op("replace", "/*/*/logging/loglevel", "DEBUG"));
        Rejected(Stage, Op("replace", "/*/*/caching/ttlInSeconds", "3601"));
        Rejected(Stage, Op("replace", "/*/*/throttling/burstLimit", "-1"));
        Rejected(Stage, Op("replace", "/*/*/throttling/rateLimit", "fast"));
        var error = Rejected(Stage, Op("remove", "/*/*/metrics/enabled"));
        Assert.Equal("Invalid patch operation specified. Must be one of: [add, replace]", error.Message);
    }

    [Fact]
    public void Setting_canary_values_is_not_supported()
    {
        var error = Rejected(Stage, Op("replace", "/canarySettings/percentTraffic", "10"));

        Assert.Equal("Canary settings are not supported by this gateway.", error.Message);
    }

    [Fact]
    public void Removing_canary_settings_is_a_no_op()
    {
        Assert.Equal(Stage with { LastUpdatedDate = Now }, Patch(Stage, Op("remove", "/canarySettings")));
    }

    [Fact]
    public void Promotion_without_a_canary_is_rejected_as_api_gateway_does()
    {
        var error = Rejected(Stage, Op("copy", "/deploymentId", from: "/canarySettings/deploymentId"));

        Assert.Equal("Promotion not available. Canary does not exist.", error.Message);
    }

    [Fact]
    public void Copy_between_other_paths_is_rejected()
    {
        var error = Rejected(Stage, Op("copy", "/description", from: "/variables"));

        Assert.StartsWith("Invalid copy operation with path: /description and from /variables.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operation_outside_the_enum_is_a_validation_error()
    {
        var error = Rejected(Stage, Op("set", "/description", "x"));

        Assert.Equal(ManagementErrorType.Validation, error.ErrorType);
        Assert.Contains("'updateStageInput.patchOperations.1.member.op'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_operations_leave_the_stage_and_its_timestamp_as_they_were()
    {
        Assert.Equal(Stage, StagePatcher.Apply(Stage, [], _ => false, Now));
    }
}
