namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// The resources, methods and integrations of one REST API, as imported from OpenAPI. A deployment
/// freezes one of these; the edge compiles it into a routing table.
/// </summary>
/// <param name="Resources">Every resource path (including <c>/</c>) with its methods.</param>
/// <param name="Extensions">
/// Root-level <c>x-amazon-apigateway-*</c> extensions as raw JSON, keyed by extension name. Kept
/// verbatim so that extensions implemented by later features, and export, lose nothing.
/// </param>
/// <param name="DocumentJson">
/// The OpenAPI 3 document as imported with its <c>paths</c> removed (info, servers, components,
/// security, tags...). Export rebuilds <c>paths</c> from <paramref name="Resources"/>.
/// </param>
[GenerateSerializer, Immutable, Alias("og.ApiDefinition")]
public sealed record ApiDefinition(
    [property: Id(0)] IReadOnlyList<ResourceDefinition> Resources,
    [property: Id(1)] IReadOnlyDictionary<string, string> Extensions,
    [property: Id(2)] string? DocumentJson)
{
    /// <summary>The API's authorizers; methods name them by <see cref="AuthorizerDefinition.Id"/>.</summary>
    [Id(3)]
    public IReadOnlyList<AuthorizerDefinition> Authorizers { get; init; } = [];

    /// <summary>
    /// The resource policy (IAM policy JSON as written; <c>execute-api:/…</c> shorthand resources are
    /// expanded when the edge compiles a stage, where region, account and API id are known), from
    /// <c>x-amazon-apigateway-policy</c> or UpdateRestApi <c>/policy</c>; null when the API has none.
    /// </summary>
    [Id(4)]
    public string? Policy { get; init; }

    /// <summary>An API with only its root resource.</summary>
    public static ApiDefinition Empty { get; } = new(
        [new ResourceDefinition("/", new Dictionary<string, MethodDefinition>())],
        new Dictionary<string, string>(),
        null);
}

/// <summary>A resource path such as <c>/pets/{petId}</c> or <c>/{proxy+}</c> and its methods.</summary>
/// <param name="Path">Absolute path template; <c>/</c> is the root resource.</param>
/// <param name="Methods">Methods keyed by upper-case HTTP method, <c>ANY</c> included.</param>
[GenerateSerializer, Immutable, Alias("og.ResourceDefinition")]
public sealed record ResourceDefinition(
    [property: Id(0)] string Path,
    [property: Id(1)] IReadOnlyDictionary<string, MethodDefinition> Methods);

/// <summary>One method of a resource, as API Gateway's <c>Method</c>.</summary>
/// <param name="HttpMethod">Upper-case method or <c>ANY</c>.</param>
/// <param name="AuthorizationType"><c>NONE</c>, <c>AWS_IAM</c>, <c>CUSTOM</c> or <c>COGNITO_USER_POOLS</c>.</param>
/// <param name="RequestParameters">
/// Declared request parameters such as <c>method.request.querystring.q</c> → required.
/// </param>
/// <param name="Extensions">Operation-level <c>x-amazon-apigateway-*</c> extensions other than the integration, as raw JSON.</param>
/// <param name="OperationJson">The OpenAPI 3 operation object as imported (for export).</param>
[GenerateSerializer, Immutable, Alias("og.MethodDefinition")]
public sealed record MethodDefinition(
    [property: Id(0)] string HttpMethod,
    [property: Id(1)] string AuthorizationType,
    [property: Id(2)] string? AuthorizerId,
    [property: Id(3)] bool ApiKeyRequired,
    [property: Id(4)] string? OperationName,
    [property: Id(5)] IReadOnlyDictionary<string, bool> RequestParameters,
    [property: Id(6)] IntegrationDefinition? Integration,
    [property: Id(7)] IReadOnlyDictionary<string, string> Extensions,
    [property: Id(8)] string? OperationJson,
    [property: Id(9)] IReadOnlyList<string> AuthorizationScopes,
    [property: Id(10)] string? RequestValidatorName);

/// <summary>An integration, as API Gateway's <c>Integration</c>.</summary>
/// <param name="Type"><c>HTTP</c>, <c>HTTP_PROXY</c>, <c>MOCK</c>, <c>AWS</c> or <c>AWS_PROXY</c> (upper case).</param>
/// <param name="HttpMethod">Method used towards the backend; <c>ANY</c> means the caller's method.</param>
/// <param name="Uri">URI template with <c>{param}</c>, <c>{proxy}</c> and <c>${stageVariables.x}</c>.</param>
/// <param name="TimeoutInMillis">50–29,000; 29,000 when unset.</param>
/// <param name="RequestParameters"><c>integration.request.{header|querystring|path}.x</c> → source expression.</param>
/// <param name="RequestTemplates">Content type → template (MOCK reads <c>{"statusCode": n}</c> from it).</param>
/// <param name="Responses">Integration responses, <c>default</c> included, in declaration order.</param>
[GenerateSerializer, Immutable, Alias("og.IntegrationDefinition")]
public sealed record IntegrationDefinition(
    [property: Id(0)] string Type,
    [property: Id(1)] string? HttpMethod,
    [property: Id(2)] string? Uri,
    [property: Id(3)] int TimeoutInMillis,
    [property: Id(4)] IReadOnlyDictionary<string, string> RequestParameters,
    [property: Id(5)] IReadOnlyDictionary<string, string> RequestTemplates,
    [property: Id(6)] IReadOnlyList<IntegrationResponseDefinition> Responses,
    [property: Id(7)] string? PassthroughBehavior,
    [property: Id(8)] string? ConnectionType,
    [property: Id(9)] string? ContentHandling,
    [property: Id(10)] IReadOnlyList<string> CacheKeyParameters,
    [property: Id(11)] string? CacheNamespace)
{
    /// <summary>API Gateway's default and maximum integration timeout.</summary>
    public const int DefaultTimeoutInMillis = 29_000;

    /// <summary>API Gateway's minimum integration timeout.</summary>
    public const int MinimumTimeoutInMillis = 50;

    /// <summary>
    /// HTTP API style response mappings, by backend status code (<c>"200"</c>) → key → value:
    /// <c>{append|overwrite|remove}:header.x</c> and <c>overwrite:statuscode</c>. Applied to
    /// HTTP_PROXY responses (REST's integration responses serve HTTP integrations).
    /// </summary>
    [Id(12)]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ResponseParameters { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
}

/// <summary>One integration response: which backend statuses it selects and what the caller gets.</summary>
/// <param name="SelectionPattern">Regex over the backend status code, or <c>default</c>.</param>
/// <param name="StatusCode">Method response status code sent to the caller.</param>
/// <param name="ResponseParameters"><c>method.response.header.X</c> → <c>'static'</c> or <c>integration.response.header.Y</c>.</param>
/// <param name="ResponseTemplates">Content type → body template (static text; VTL is not evaluated).</param>
[GenerateSerializer, Immutable, Alias("og.IntegrationResponseDefinition")]
public sealed record IntegrationResponseDefinition(
    [property: Id(0)] string SelectionPattern,
    [property: Id(1)] string StatusCode,
    [property: Id(2)] IReadOnlyDictionary<string, string> ResponseParameters,
    [property: Id(3)] IReadOnlyDictionary<string, string> ResponseTemplates,
    [property: Id(4)] string? ContentHandling);
