using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.InputLimits;
using OrleansGateway.Edge.DataPlane.Validation;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Tests.BadInput;

/// <summary>The raw request-target check on its own, and how the JSON depth setting is resolved.</summary>
public sealed class RequestTargetCheckTests
{
    private static readonly InputLimitsOptions Limits = new();

    [Theory]
    [InlineData("/prod/a")]
    [InlineData("/prod/caf%C3%A9/%F0%9F%98%80?q=%E2%82%AC&x=a+b&&")]
    [InlineData("http://api.example/prod/a?b=c")]
    [InlineData("/prod/%2F%25")]
    public void Well_formed_targets_pass(string target)
    {
        Assert.Equal(RequestTargetProblem.None, RequestTargetCheck.Check(target, Limits));
    }

    [Theory]
    [InlineData("/prod/%FF")]
    [InlineData("/prod/%C3")]
    [InlineData("/prod/%C3%28")]
    [InlineData("/prod/%E2%82")]
    [InlineData("/prod/%C0%AF")]
    [InlineData("/prod/%ED%B0%80")]
    [InlineData("/prod/%F5%80%80%80")]
    [InlineData("/prod/a%")]
    [InlineData("/prod/a%4")]
    [InlineData("/prod/a%G0")]
    [InlineData("/prod/a?q=%E2%82x")]
    public void Bad_percent_encoding_or_invalid_UTF_8_is_BadEncoding(string target)
    {
        Assert.Equal(RequestTargetProblem.BadEncoding, RequestTargetCheck.Check(target, Limits));
    }

    [Fact]
    public void A_long_run_of_valid_escapes_spanning_the_decode_buffer_passes_and_one_bad_byte_in_it_fails()
    {
        var run = string.Concat(Enumerable.Repeat("%E2%82%AC", 100)); // 300 bytes: over the 128-byte stack buffer
        Assert.True(RequestTargetCheck.IsWellEncoded(run));
        Assert.False(RequestTargetCheck.IsWellEncoded(run[..^3] + "%FF"));
    }

    [Fact]
    public void Counts_and_lengths_map_to_400_or_414()
    {
        Assert.Equal(RequestTargetProblem.BadQuery, RequestTargetCheck.Check("/p?" + string.Join('&', Enumerable.Repeat("a=1", 513)), Limits));
        Assert.Equal(RequestTargetProblem.BadQuery, RequestTargetCheck.Check("/p?a=" + new string('x', 4096), Limits));
        Assert.Equal(RequestTargetProblem.TooLong, RequestTargetCheck.Check("/p?" + new string('x', 8193), Limits));
        Assert.Equal(RequestTargetProblem.TooLong, RequestTargetCheck.Check("/" + string.Join('/', Enumerable.Repeat("s", 129)), Limits));
        Assert.Equal(RequestTargetProblem.TooLong, RequestTargetCheck.Check("/" + new string('s', 1025), Limits));
        Assert.Equal(RequestTargetProblem.None, RequestTargetCheck.Check("/p?" + string.Join('&', Enumerable.Repeat("a=1", 512)), Limits));
    }

    [Theory]
    [InlineData(null, null, 64)]
    [InlineData("20", null, 20)]
    [InlineData(null, "12", 12)]
    [InlineData("20", "20", 20)]
    public void The_JSON_depth_is_one_setting_for_the_edge_check_and_validation(string? dataPlane, string? validation, int expected)
    {
        using var services = Services(dataPlane, validation);

        Assert.Equal(expected, services.GetRequiredService<IOptions<DataPlaneListenerOptions>>().Value.MaxJsonDepth);
        Assert.Equal(expected, services.GetRequiredService<IOptions<RequestValidationOptions>>().Value.MaxJsonDepth);
    }

    [Fact]
    public void Two_different_JSON_depths_fail_at_start()
    {
        using var services = Services("20", "30");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DataPlaneListenerOptions>>().Value);
        Assert.Contains("one setting", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string? dataPlane, string? validation)
    {
        var settings = new Dictionary<string, string?>();
        if (dataPlane is not null)
        {
            settings["Gateway:DataPlane:MaxJsonDepth"] = dataPlane;
        }
        if (validation is not null)
        {
            settings["Gateway:Validation:MaxJsonDepth"] = validation;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.Configure<DataPlaneListenerOptions>(configuration.GetSection(DataPlaneListenerOptions.Section));
        services.AddOptions<RequestValidationOptions>().Bind(configuration.GetSection(RequestValidationOptions.Section));
        services.AddInputLimits(configuration);
        return services.BuildServiceProvider();
    }
}
