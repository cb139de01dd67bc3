using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>
/// What a Lambda-style <see cref="AuthorizerDefinition"/> needs per request, worked out once per
/// deployed definition: its identity sources, its validation regex (compiled, with a match timeout),
/// its function URL and payload format. <see cref="Problem"/> is set when the definition cannot work.
/// </summary>
internal sealed class CompiledLambdaAuthorizer
{
    /// <summary>A validation regex that takes longer than this on one token refuses it (401), so a hostile token cannot stall the edge.</summary>
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private CompiledLambdaAuthorizer(AuthorizerDefinition definition)
    {
        Definition = definition;
        IsToken = string.Equals(definition.Type, AuthorizerDefinition.Token, StringComparison.Ordinal);
        IsPayloadV2 = string.Equals(definition.PayloadFormatVersion, "2.0", StringComparison.Ordinal);
        SimpleResponses = IsPayloadV2 && definition.EnableSimpleResponses;
        Ttl = TimeSpan.FromSeconds(Math.Clamp(definition.ResultTtlInSeconds, 0, AuthorizerDefinition.MaxResultTtlInSeconds));
    }

    public AuthorizerDefinition Definition { get; }

    public bool IsToken { get; }

    public bool IsPayloadV2 { get; }

    public bool SimpleResponses { get; }

    /// <summary>How long a result is cached; zero turns caching off.</summary>
    public TimeSpan Ttl { get; }

    public IdentitySource[] Sources { get; private init; } = [];

    public Regex? Validation { get; private init; }

    /// <summary>The function's URL; null with <see cref="Problem"/> set when it cannot be resolved.</summary>
    public Uri? FunctionUrl { get; private init; }

    /// <summary>Why this authorizer cannot be used (logged; requests get AUTHORIZER_CONFIGURATION_ERROR).</summary>
    public string? Problem { get; private init; }

    public static CompiledLambdaAuthorizer Compile(AuthorizerDefinition definition, LambdaAuthorizerOptions options)
    {
        var probe = new CompiledLambdaAuthorizer(definition);
        var sources = IdentitySource.ParseList(definition.IdentitySource);
        if (sources is null)
        {
            return new CompiledLambdaAuthorizer(definition) { Problem = "identity source is not understood" };
        }
        if (probe.IsToken && (sources.Length != 1 || sources[0].Kind != IdentitySourceKind.Header))
        {
            return new CompiledLambdaAuthorizer(definition) { Problem = "a TOKEN authorizer needs exactly one method.request.header.X identity source" };
        }
        if (probe.Ttl > TimeSpan.Zero && sources.Length == 0)
        {
            return new CompiledLambdaAuthorizer(definition) { Problem = "caching needs at least one identity source" };
        }
        Regex? validation = null;
        if (probe.IsToken && !string.IsNullOrEmpty(definition.IdentityValidationExpression))
        {
            try
            {
                // API Gateway matches the whole header value (Java's Pattern.matches), hence the anchors.
                validation = new Regex($@"\A(?:{definition.IdentityValidationExpression})\z", RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException)
            {
                return new CompiledLambdaAuthorizer(definition) { Problem = "identityValidationExpression is not a valid regular expression" };
            }
        }
        var url = FunctionUrlResolver.Resolve(definition.AuthorizerUri, options.Functions, out var problem);
        return new CompiledLambdaAuthorizer(definition) { Sources = sources, Validation = validation, FunctionUrl = url, Problem = problem };
    }
}
