using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Validation;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.DataPlane.InputLimits;

/// <summary>Registers and runs the edge's bad-input checks (<see cref="InputLimitsMiddleware"/>, <see cref="JsonBodyCheckMiddleware"/>) and Kestrel's limits.</summary>
public static class InputLimitsExtensions
{
    private const string DataPlaneDepthKey = DataPlaneListenerOptions.Section + ":MaxJsonDepth";
    private const string ValidationDepthKey = RequestValidationOptions.Section + ":MaxJsonDepth";

    // Kestrel reads this switch when its options are created; set before the server starts.
    private const string BareLineFeedSwitch = "Microsoft.AspNetCore.Server.Kestrel.DisableHttp1LineFeedTerminators";

    /// <summary>
    /// Binds <see cref="InputLimitsOptions"/> and makes the JSON depth one setting:
    /// <c>Gateway:DataPlane:MaxJsonDepth</c>, or the older <c>Gateway:Validation:MaxJsonDepth</c>
    /// when only that is set; both set to different values fails at start.
    /// </summary>
    public static IServiceCollection AddInputLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InputLimitsOptions>()
            .Bind(configuration.GetSection(InputLimitsOptions.Section))
            .Validate(o => o.MaxQueryStringBytes > 0 && o.MaxQueryParameters > 0 && o.MaxQueryParameterBytes > 0
                    && o.MaxPathSegments > 0 && o.MaxPathSegmentBytes > 0 && o.MaxHeaderCount > 0
                    && o.MaxHeadersTotalBytes > 0 && o.MaxRequestLineBytes > 0,
                $"{InputLimitsOptions.Section}: every limit must be positive.")
            .ValidateOnStart();

        var dataPlaneDepth = configuration[DataPlaneDepthKey];
        var validationDepth = configuration[ValidationDepthKey];
        services.AddOptions<DataPlaneListenerOptions>()
            .PostConfigure(o =>
            {
                if (dataPlaneDepth is null && int.TryParse(validationDepth, out var depth))
                {
                    o.MaxJsonDepth = depth;
                }
            })
            .Validate(o => o.MaxJsonDepth is > 0 and <= 1024, $"{DataPlaneDepthKey} must be 1-1024.")
            .Validate(_ => dataPlaneDepth is null || validationDepth is null || dataPlaneDepth == validationDepth,
                $"{DataPlaneDepthKey} and {ValidationDepthKey} are one setting: set only {DataPlaneDepthKey}.")
            .ValidateOnStart();
        services.AddOptions<RequestValidationOptions>()
            .PostConfigure<IOptions<DataPlaneListenerOptions>>((o, dataPlane) => o.MaxJsonDepth = dataPlane.Value.MaxJsonDepth);
        return services;
    }

    /// <summary>
    /// Kestrel's own limits for every listener (it answers 431 / 414 / 400 with no body, before any
    /// middleware), and whether a bare LF ends a line.
    /// </summary>
    public static void ApplyInputLimits(this KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var limits = configuration.GetSection(InputLimitsOptions.Section).Get<InputLimitsOptions>() ?? new();
        kestrel.Limits.MaxRequestHeaderCount = limits.MaxHeaderCount;
        kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxHeadersTotalBytes;
        kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes;
        if (limits.RejectBareLineFeeds)
        {
            AppContext.SetSwitch(BareLineFeedSwitch, true);
        }
    }

    /// <summary>Framing, header and URL checks; after routing (the stage's responses apply) and before authorization.</summary>
    public static IApplicationBuilder UseInputLimits(this IApplicationBuilder app) =>
        app.UseMiddleware<InputLimitsMiddleware>();

    /// <summary>The JSON well-formedness check; after request validation, before the integration.</summary>
    public static IApplicationBuilder UseJsonBodyCheck(this IApplicationBuilder app) =>
        app.UseMiddleware<JsonBodyCheckMiddleware>();
}
