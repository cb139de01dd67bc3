using OrleansGateway.Edge.DataPlane.Integrations;
using OrleansGateway.Edge.DataPlane.Integrations.Mappings;
using OrleansGateway.Edge.DataPlane.Integrations.Resilience;
using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Compilation;

/// <summary>Compiles one method's <see cref="IntegrationDefinition"/> for one stage.</summary>
internal static class IntegrationCompiler
{
    private const string HeaderTarget = "integration.request.header.";
    private const string QueryTarget = "integration.request.querystring.";
    private const string PathTarget = "integration.request.path.";

    /// <summary>Compiles <paramref name="definition"/>; problems are reported through <paramref name="problem"/> and make the method unservable.</summary>
    public static CompiledIntegration Compile(
        IntegrationDefinition? definition,
        CompiledResource resource,
        IReadOnlyDictionary<string, string> stageVariables,
        Action<string> problem,
        ResilienceSettings? resilience = null)
    {
        if (definition is null)
        {
            problem("the method has no integration");
            return CompiledIntegration.Unservable;
        }
        var responses = IntegrationResponseSelector.Compile(
            definition.Responses, pattern => problem($"integration response '{pattern}' is invalid and ignored"), stageVariables, problem);
        switch (definition.Type.ToUpperInvariant())
        {
            case "MOCK":
                var mock = CompiledMockResponse.Compile(definition, responses);
                if (mock is null)
                {
                    problem("the MOCK integration selects no integration response");
                    return CompiledIntegration.Unservable;
                }
                return new CompiledIntegration { Kind = IntegrationKind.Mock, Mock = mock };
            case "HTTP_PROXY":
                return CompileHttp(IntegrationKind.HttpProxy, definition, resource, stageVariables, responses, problem, resilience ?? ResilienceSettings.Default);
            case "HTTP":
                return CompileHttp(IntegrationKind.Http, definition, resource, stageVariables, responses, problem, resilience ?? ResilienceSettings.Default);
            default:
                problem($"integration type {definition.Type} is not supported by this gateway");
                return CompiledIntegration.Unservable;
        }
    }

    private static CompiledIntegration CompileHttp(
        IntegrationKind kind,
        IntegrationDefinition definition,
        CompiledResource resource,
        IReadOnlyDictionary<string, string> stageVariables,
        IntegrationResponseSelector responses,
        Action<string> problem,
        ResilienceSettings resilience)
    {
        var headers = new List<ParameterMapping>();
        var queries = new List<ParameterMapping>();
        var paths = new Dictionary<string, ParameterSource>(StringComparer.Ordinal);
        foreach (var (target, expression) in definition.RequestParameters)
        {
            if (MappingTarget.IsHttpApiKey(target))
            {
                // append:/overwrite:/remove: keys compile into RequestMappings below.
                continue;
            }
            var source = ParameterSource.Parse(expression, resource, stageVariables);
            if (source is null)
            {
                problem($"request parameter source '{expression}' is not supported and ignored");
                continue;
            }
            if (TryTarget(target, HeaderTarget, out var name))
            {
                if (MappingRules.IsFramingHeader(name))
                {
                    problem($"request parameter '{target}' sets a framing header and is ignored");
                    continue;
                }
                headers.Add(new ParameterMapping(name, source));
            }
            else if (TryTarget(target, QueryTarget, out name))
            {
                queries.Add(new ParameterMapping(name, source));
            }
            else if (TryTarget(target, PathTarget, out name))
            {
                paths[name] = source;
            }
            else
            {
                problem($"request parameter target '{target}' is not supported and ignored");
            }
        }

        var uri = definition.Uri is null
            ? null
            : IntegrationUriTemplate.TryCompile(
                definition.Uri,
                stageVariables,
                name => PlaceholderSource(name, paths, resource),
                appendCallerQuery: kind == IntegrationKind.HttpProxy,
                [.. queries]);
        if (uri is null)
        {
            problem($"integration URI '{definition.Uri}' is not an absolute http(s) URI");
            return CompiledIntegration.Unservable;
        }

        var method = definition.HttpMethod;
        var timeout = definition.TimeoutInMillis <= 0
            ? IntegrationDefinition.DefaultTimeoutInMillis
            : Math.Clamp(definition.TimeoutInMillis, IntegrationDefinition.MinimumTimeoutInMillis, IntegrationDefinition.DefaultTimeoutInMillis);
        return new CompiledIntegration
        {
            Kind = kind,
            BackendMethod = string.IsNullOrEmpty(method) || string.Equals(method, "ANY", StringComparison.OrdinalIgnoreCase)
                ? null
                : HttpMethod.Parse(method.ToUpperInvariant()),
            Uri = uri,
            Timeout = TimeSpan.FromMilliseconds(timeout),
            HeaderMappings = [.. headers],
            RequestMappings = RequestMappings.Compile(definition.RequestParameters, resource, stageVariables, problem),
            ResponseMappings = kind == IntegrationKind.HttpProxy
                ? ProxyResponseMappings.Compile(definition.ResponseParameters, stageVariables, problem)
                : ProxyResponseMappings.None,
            Responses = responses,
            Resilience = resilience,
        };
    }

    // {name} in the URI takes integration.request.path.name when mapped, else method.request.path.name.
    private static ParameterSource? PlaceholderSource(string name, Dictionary<string, ParameterSource> paths, CompiledResource resource)
    {
        if (paths.TryGetValue(name, out var mapped))
        {
            return mapped;
        }
        var slot = resource.IndexOfParameter(name);
        return slot < 0 ? null : ParameterSource.ForPathSlot(resource, slot);
    }

    private static bool TryTarget(string target, string prefix, out string name)
    {
        name = target.Length > prefix.Length && target.StartsWith(prefix, StringComparison.Ordinal) ? target[prefix.Length..] : string.Empty;
        return name.Length > 0;
    }
}
