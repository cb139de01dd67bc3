using System.Collections.Frozen;
using OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.DataPlane.Compilation;

/// <summary>
/// Compiles an <see cref="ApiServingConfig"/> into a <see cref="CompiledApi"/>. All parsing of
/// configuration happens here, when a config is applied, never on the request path.
/// </summary>
internal sealed partial class StageCompiler
{
    private readonly ILogger _logger;
    private readonly string _region;
    private readonly string _accountId;

    /// <param name="logger">Where compilation problems go.</param>
    /// <param name="region">The region of method ARNs (resource policies' shorthand expands to it).</param>
    /// <param name="accountId">The account of method ARNs.</param>
    public StageCompiler(ILogger logger, string region = "us-east-1", string accountId = "000000000000")
    {
        _logger = logger;
        _region = region;
        _accountId = accountId;
    }

    public CompiledApi Compile(ApiServingConfig config)
    {
        var deployments = new Dictionary<string, DeploymentSnapshot>(StringComparer.Ordinal);
        foreach (var deployment in config.Deployments)
        {
            deployments[deployment.Id] = deployment;
        }

        var stages = new Dictionary<string, CompiledStage>(StringComparer.Ordinal);
        foreach (var stage in config.Stages)
        {
            if (!deployments.TryGetValue(stage.DeploymentId, out var deployment))
            {
                Log.StageWithoutDeployment(_logger, config.ApiId, stage.StageName, stage.DeploymentId);
                continue;
            }
            stages[stage.StageName] = CompileStage(config.ApiId, stage, deployment, config.ApiKeySource);
        }
        return new CompiledApi(config.ApiId, config.Version, stages.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private CompiledStage CompileStage(string apiId, StageRecord stage, DeploymentSnapshot deployment, string apiKeySource)
    {
        var variables = stage.Variables.ToFrozenDictionary(StringComparer.Ordinal);
        var trie = new RouteTrieBuilder();
        var validators = new Validation.RequestValidatorCompiler(deployment.Definition,
            problem => Log.ValidationProblem(_logger, apiId, stage.StageName, problem));
        foreach (var definition in deployment.Definition.Resources)
        {
            if (!ResourcePathTemplate.TryParse(definition.Path, out var segments))
            {
                Log.ResourceRejected(_logger, apiId, stage.StageName, definition.Path, "the path is not a valid resource template");
                continue;
            }
            var resource = new CompiledResource(definition.Path, ResourceIds.For(apiId, definition.Path), segments);
            resource.SetMethods(definition.Methods.Select(pair => CompileMethod(apiId, stage, resource, pair.Key, pair.Value, variables, deployment.Definition.Extensions, validators)));
            if (!trie.Add(resource))
            {
                Log.ResourceRejected(_logger, apiId, stage.StageName, definition.Path, "another resource has the same shape");
            }
        }
        return new CompiledStage
        {
            ApiId = apiId,
            StageName = stage.StageName,
            DeploymentId = deployment.Id,
            Variables = variables,
            Routes = trie.Build(),
            GatewayResponses = GatewayResponseCompiler.Compile(deployment.Definition,
                problem => Log.GatewayResponseProblem(_logger, apiId, stage.StageName, problem)),
            Authorizers = AuthorizersByIdAndName(deployment.Definition.Authorizers),
            ResourcePolicy = ResourcePolicyCompiler.Compile(apiId, deployment, _region, _accountId, TimeProvider.System,
                problem => Log.ResourcePolicyProblem(_logger, apiId, stage.StageName, problem)),
            ApiKeyFromAuthorizer = string.Equals(apiKeySource, "AUTHORIZER", StringComparison.OrdinalIgnoreCase),
            AccessLog = AccessLogs.CompiledAccessLog.From(stage.AccessLogSettings),
            Cors = CorsFor(apiId, stage.StageName, deployment.Definition),
            RateLimitHeaders = stage.Tags.TryGetValue(CompiledStage.RateLimitHeadersTag, out var flag)
                && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase),
            JsonBodyCheckOff = stage.Tags.TryGetValue(InputLimits.JsonBodyCheckMiddleware.StageTag, out var jsonCheck)
                && string.Equals(jsonCheck, "off", StringComparison.OrdinalIgnoreCase),
        };
    }

    private Cors.CorsPolicy? CorsFor(string apiId, string stageName, ApiDefinition definition)
    {
        if (!definition.Extensions.TryGetValue(Cors.CorsConfiguration.Extension, out var json) || json == "null")
        {
            return null;
        }
        if (!Cors.CorsConfiguration.TryParse(json, out var configuration, out var error))
        {
            // Import refuses these; one stored before that check existed serves without CORS.
            Log.CorsProblem(_logger, apiId, stageName, error!);
            return null;
        }
        return new Cors.CorsPolicy(configuration!);
    }

    private static FrozenDictionary<string, AuthorizerDefinition> AuthorizersByIdAndName(IReadOnlyList<AuthorizerDefinition> authorizers)
    {
        var byReference = new Dictionary<string, AuthorizerDefinition>(StringComparer.Ordinal);
        foreach (var authorizer in authorizers)
        {
            byReference.TryAdd(authorizer.Name, authorizer);
            byReference[authorizer.Id] = authorizer;
        }
        return byReference.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private CompiledMethod CompileMethod(
        string apiId, StageRecord stage, CompiledResource resource, string httpMethod, MethodDefinition definition,
        IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, string> apiExtensions,
        Validation.RequestValidatorCompiler validators)
    {
        var stageName = stage.StageName;
        var method = httpMethod.ToUpperInvariant();
        var integration = IntegrationCompiler.Compile(
            definition.Integration,
            resource,
            variables,
            problem => Log.IntegrationProblem(_logger, apiId, stageName, method, resource.Path, problem),
            WithStageClientCertificate(Integrations.Resilience.ResilienceExtension.Resolve(apiExtensions, definition.Extensions,
                problem => Log.IntegrationProblem(_logger, apiId, stageName, method, resource.Path, problem)), stage));
        return new CompiledMethod(method, resource, definition, integration)
        {
            StageThrottle = StageThrottleFor(apiId, stage, resource.Path, method),
            Validator = validators.Compile(definition),
            Observability = Observability.MethodObservability.For(stage, resource.Path, method),
        };
    }

    /// <summary>The stage's client certificate, unless <c>x-gateway-resilience</c> names one for the integration.</summary>
    private static Integrations.Resilience.ResilienceSettings WithStageClientCertificate(Integrations.Resilience.ResilienceSettings settings, StageRecord stage) =>
        settings.ClientCertificateId is null && stage.ClientCertificateId is { Length: > 0 } id ? settings with { ClientCertificateId = id } : settings;

    /// <summary>
    /// Method settings are keyed as UpdateStage paths name them: the resource path without its
    /// leading slash and with inner slashes as <c>~1</c> (<c>"~1pets~1{id}/GET"</c>), or <c>"*/*"</c>.
    /// Each method gets its own bucket, also when its limits come from <c>*/*</c>, as in API Gateway.
    /// </summary>
    private static StageMethodThrottle? StageThrottleFor(string apiId, StageRecord stage, string resourcePath, string method)
    {
        var methodKey = resourcePath.Replace("/", "~1", StringComparison.Ordinal) + "/" + method;
        if (!stage.MethodSettings.TryGetValue(methodKey, out var setting) && !stage.MethodSettings.TryGetValue("*/*", out setting))
        {
            return null;
        }
        return new StageMethodThrottle(
            ThrottleKeys.StageMethod(apiId, stage.StageName, methodKey),
            new ThrottleSettings(setting.ThrottlingRateLimit, setting.ThrottlingBurstLimit));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName} points at deployment {DeploymentId}, which the serving config lacks; the stage is not served")]
        public static partial void StageWithoutDeployment(ILogger logger, string apiId, string stageName, string deploymentId);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName}: resource {ResourcePath} is not served: {Reason}")]
        public static partial void ResourceRejected(ILogger logger, string apiId, string stageName, string resourcePath, string reason);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName}: {HttpMethod} {ResourcePath}: {Problem}")]
        public static partial void IntegrationProblem(ILogger logger, string apiId, string stageName, string httpMethod, string resourcePath, string problem);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName}: {Problem}")]
        public static partial void ResourcePolicyProblem(ILogger logger, string apiId, string stageName, string problem);

        [LoggerMessage(EventId = 1105, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName}: x-amazon-apigateway-cors is not applied: {Problem}")]
        public static partial void CorsProblem(ILogger logger, string apiId, string stageName, string problem);

        [LoggerMessage(EventId = 1106, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName}: {Problem}")]
        public static partial void GatewayResponseProblem(ILogger logger, string apiId, string stageName, string problem);

        [LoggerMessage(EventId = 1107, Level = LogLevel.Warning,
            Message = "API {ApiId} stage {StageName}: request validation: {Problem}")]
        public static partial void ValidationProblem(ILogger logger, string apiId, string stageName, string problem);
    }
}
