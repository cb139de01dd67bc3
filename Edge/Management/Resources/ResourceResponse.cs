using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Resources;

/// <summary>API Gateway's <c>Resource</c>; the root has no <c>parentId</c> or <c>pathPart</c>.</summary>
internal sealed record ResourceResponse(
    string Id,
    string? ParentId,
    string? PathPart,
    string Path,
    IReadOnlyDictionary<string, MethodView>? ResourceMethods)
{
    /// <summary>
    /// Maps one resource. Without <paramref name="embedMethods"/> each method is <c>{}</c>, as API
    /// Gateway lists them; with it, the full <c>Method</c> including <c>methodIntegration</c>.
    /// </summary>
    public static ResourceResponse From(string apiId, ResourceDefinition resource, bool embedMethods)
    {
        var parent = ResourceTree.ParentOf(resource.Path);
        var methods = resource.Methods.Count == 0
            ? null
            : resource.Methods
                .OrderBy(m => m.Key, StringComparer.Ordinal)
                .ToDictionary(m => m.Key, m => embedMethods ? MethodView.From(m.Value) : MethodView.Empty, StringComparer.Ordinal);
        return new ResourceResponse(
            ResourceIds.For(apiId, resource.Path),
            parent is null ? null : ResourceIds.For(apiId, parent),
            ResourceTree.PathPartOf(resource.Path),
            resource.Path,
            methods);
    }
}

/// <summary>API Gateway's <c>Method</c>; every member optional so the un-embedded form is <c>{}</c>.</summary>
internal sealed record MethodView(
    string? HttpMethod,
    string? AuthorizationType,
    string? AuthorizerId,
    bool? ApiKeyRequired,
    string? OperationName,
    IReadOnlyDictionary<string, bool>? RequestParameters,
    IReadOnlyList<string>? AuthorizationScopes,
    IntegrationView? MethodIntegration)
{
    /// <summary>The <c>{}</c> that stands for a method when methods are not embedded.</summary>
    public static MethodView Empty { get; } = new(null, null, null, null, null, null, null, null);

    /// <summary>Maps a method definition.</summary>
    public static MethodView From(MethodDefinition method) => new(
        method.HttpMethod,
        method.AuthorizationType,
        method.AuthorizerId,
        method.ApiKeyRequired,
        method.OperationName,
        method.RequestParameters.Count > 0 ? method.RequestParameters : null,
        method.AuthorizationScopes.Count > 0 ? method.AuthorizationScopes : null,
        method.Integration is null ? null : IntegrationView.From(method.Integration));
}

/// <summary>API Gateway's <c>Integration</c>.</summary>
internal sealed record IntegrationView(
    string Type,
    string? HttpMethod,
    string? Uri,
    string? ConnectionType,
    IReadOnlyDictionary<string, string>? RequestParameters,
    IReadOnlyDictionary<string, string>? RequestTemplates,
    string? PassthroughBehavior,
    string? ContentHandling,
    int TimeoutInMillis,
    string? CacheNamespace,
    IReadOnlyList<string> CacheKeyParameters,
    IReadOnlyDictionary<string, IntegrationResponseView>? IntegrationResponses)
{
    /// <summary>Maps an integration; enum-like values are upper-cased as API Gateway returns them.</summary>
    public static IntegrationView From(IntegrationDefinition integration)
    {
        var responses = new Dictionary<string, IntegrationResponseView>(StringComparer.Ordinal);
        foreach (var response in integration.Responses)
        {
            // API Gateway keys integration responses by status code; the first declared wins.
            responses.TryAdd(response.StatusCode, IntegrationResponseView.From(response));
        }
        return new IntegrationView(
            integration.Type,
            integration.HttpMethod,
            integration.Uri,
            integration.ConnectionType?.ToUpperInvariant(),
            integration.RequestParameters.Count > 0 ? integration.RequestParameters : null,
            integration.RequestTemplates.Count > 0 ? integration.RequestTemplates : null,
            integration.PassthroughBehavior?.ToUpperInvariant(),
            integration.ContentHandling,
            integration.TimeoutInMillis,
            integration.CacheNamespace,
            integration.CacheKeyParameters,
            responses.Count > 0 ? responses : null);
    }
}

/// <summary>API Gateway's <c>IntegrationResponse</c>; the default response has no <c>selectionPattern</c>.</summary>
internal sealed record IntegrationResponseView(
    string StatusCode,
    string? SelectionPattern,
    IReadOnlyDictionary<string, string>? ResponseParameters,
    IReadOnlyDictionary<string, string>? ResponseTemplates,
    string? ContentHandling)
{
    /// <summary>Maps an integration response.</summary>
    public static IntegrationResponseView From(IntegrationResponseDefinition response) => new(
        response.StatusCode,
        response.SelectionPattern == "default" ? null : response.SelectionPattern,
        response.ResponseParameters.Count > 0 ? response.ResponseParameters : null,
        response.ResponseTemplates.Count > 0 ? response.ResponseTemplates : null,
        response.ContentHandling);
}
