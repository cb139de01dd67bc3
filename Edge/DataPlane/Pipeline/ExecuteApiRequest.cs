using OrleansGateway.Edge.DataPlane.Compilation;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Integrations;
using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Pipeline;

/// <summary>
/// The data plane's view of one execute-api request, set as an <see cref="HttpContext"/> feature
/// by the routing middleware so later middleware (auth, keys, throttling, validation) can read
/// what was matched. Route fields are set only once a method matched (<see cref="IsRouted"/>).
/// </summary>
public sealed class ExecuteApiRequest
{
    internal ExecuteApiRequest(string requestId, string extendedRequestId, DateTimeOffset requestTime)
    {
        RequestId = requestId;
        ExtendedRequestId = extendedRequestId;
        RequestTime = requestTime;
    }

    /// <summary><c>$context.requestId</c>, sent as <c>x-amzn-RequestId</c>.</summary>
    public string RequestId { get; }

    /// <summary><c>$context.extendedRequestId</c>, sent as <c>x-amz-apigw-id</c>.</summary>
    public string ExtendedRequestId { get; }

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset RequestTime { get; }

    /// <summary>True once a stage, resource and method matched.</summary>
    public bool IsRouted => Method is not null;

    /// <summary>The API id from the host name (empty until routed).</summary>
    public string ApiId => Stage?.ApiId ?? string.Empty;

    /// <summary>The stage name (empty until routed).</summary>
    public string StageName => Stage?.StageName ?? string.Empty;

    /// <summary>The matched resource template, e.g. <c>/pets/{petId}</c> (empty until routed).</summary>
    public string ResourcePath => Method?.Resource.Path ?? string.Empty;

    /// <summary>The matched resource's id (empty until routed).</summary>
    public string ResourceId => Method?.Resource.ResourceId ?? string.Empty;

    /// <summary>The matched method as deployed (null until routed).</summary>
    public MethodDefinition? MethodDefinition => Method?.Definition;

    /// <summary>The stage's variables (empty until routed).</summary>
    public IReadOnlyDictionary<string, string> StageVariables =>
        Stage?.Variables ?? (IReadOnlyDictionary<string, string>)System.Collections.Frozen.FrozenDictionary<string, string>.Empty;

    /// <summary>The URL-decoded path parameters by name; built on first use.</summary>
    public IReadOnlyDictionary<string, string> PathParameters
    {
        get
        {
            if (_pathParameters is null)
            {
                var names = Method?.Resource.ParameterNames ?? [];
                var parameters = new Dictionary<string, string>(names.Length, StringComparer.Ordinal);
                for (var i = 0; i < names.Length && i < PathParameterValues.Length; i++)
                {
                    parameters[names[i]] = PathParameterValues[i];
                }
                _pathParameters = parameters;
            }
            return _pathParameters;
        }
    }

    private Dictionary<string, string>? _pathParameters;

    /// <summary><c>$context.identity.apiKeyId</c>: the id of the validated API key, if the method required one.</summary>
    public string? ApiKeyId { get; internal set; }

    /// <summary><c>$context.identity.apiKey</c>: the validated key's value. Never log it.</summary>
    public string? ApiKey { get; internal set; }

    /// <summary>Who the request was authorized as (null for methods without authorization).</summary>
    public Authorization.AuthorizerPrincipal? Authorizer { get; internal set; }

    /// <summary>The usage plan the request was metered under, if any.</summary>
    public string? UsagePlanId { get; internal set; }

    /// <summary>The compiled stage (null until the stage matched).</summary>
    internal CompiledStage? Stage { get; set; }

    /// <summary>The compiled method (null until routed).</summary>
    internal CompiledMethod? Method { get; set; }

    /// <summary>Path parameter values, parallel to the resource's parameter names.</summary>
    internal string[] PathParameterValues { get; set; } = [];

    /// <summary>The gateway responses in force: the stage's once it matched.</summary>
    internal GatewayResponseTable GatewayResponses => Stage?.GatewayResponses ?? GatewayResponseTable.Default;

    /// <summary>State of the backend exchange, while one is in progress.</summary>
    internal IntegrationExchange? Exchange { get; set; }

    /// <summary>The gateway response written, if any: <c>$context.error.responseType</c> in the access log.</summary>
    internal GatewayResponseType? ErrorType { get; set; }

    /// <summary>The message of the gateway response written: <c>$context.error.message</c>.</summary>
    internal string? ErrorMessage { get; set; }

    /// <summary><c>$context.error.validationErrorString</c>: why request validation refused the request.</summary>
    internal string? ValidationErrorString { get; set; }
}
