namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// An authorizer of a REST API, as API Gateway's <c>Authorizer</c> (plus <c>JWT</c>, which API
/// Gateway has only for HTTP APIs). Deployed with the API: a change takes effect on the next deployment.
/// </summary>
/// <param name="Id">The authorizer id that methods name in <c>authorizerId</c>.</param>
/// <param name="Name">The name (the security scheme's name when imported).</param>
/// <param name="Type"><c>TOKEN</c>, <c>REQUEST</c>, <c>COGNITO_USER_POOLS</c> or <c>JWT</c>.</param>
/// <param name="AuthorizerUri">
/// TOKEN/REQUEST: where the authorizer function is called — an <c>http(s)://</c> URL, or API
/// Gateway's Lambda invocation ARN mapped to one in configuration (see docs/authorizers.md).
/// </param>
/// <param name="IdentitySource">
/// TOKEN: <c>method.request.header.X</c>; REQUEST: comma list of <c>method.request.header.X</c>,
/// <c>method.request.querystring.X</c>, <c>stageVariables.X</c>, <c>context.X</c>; JWT/Cognito: the token header.
/// </param>
/// <param name="IdentityValidationExpression">TOKEN: regex the token must match; Cognito: regex over <c>aud</c>.</param>
/// <param name="ResultTtlInSeconds">Result cache TTL, 0–3600; API Gateway's default is 300.</param>
/// <param name="ProviderArns">COGNITO_USER_POOLS: the user pool ARNs (or issuer URLs, see docs/authorizers.md).</param>
/// <param name="Issuer">JWT: the issuer (OIDC discovery at <c>{issuer}/.well-known/openid-configuration</c>).</param>
/// <param name="Audiences">JWT: accepted <c>aud</c> / <c>client_id</c> values.</param>
/// <param name="PayloadFormatVersion">REQUEST: <c>1.0</c> (default) or <c>2.0</c> (HTTP API style event).</param>
/// <param name="EnableSimpleResponses">REQUEST with 2.0: the function answers <c>{"isAuthorized": bool}</c>.</param>
/// <param name="AuthorizerCredentials">Kept for export; not used (there is no IAM role to assume).</param>
[GenerateSerializer, Immutable, Alias("og.AuthorizerDefinition")]
public sealed record AuthorizerDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Type,
    [property: Id(3)] string? AuthorizerUri,
    [property: Id(4)] string? IdentitySource,
    [property: Id(5)] string? IdentityValidationExpression,
    [property: Id(6)] int ResultTtlInSeconds,
    [property: Id(7)] IReadOnlyList<string> ProviderArns,
    [property: Id(8)] string? Issuer,
    [property: Id(9)] IReadOnlyList<string> Audiences,
    [property: Id(10)] string? PayloadFormatVersion,
    [property: Id(11)] bool EnableSimpleResponses,
    [property: Id(12)] string? AuthorizerCredentials)
{
    /// <summary>
    /// API Gateway's free-form <c>authType</c> (<c>x-amazon-apigateway-authtype</c>, e.g. <c>custom</c>,
    /// <c>cognito_user_pools</c>); kept for management and export, not used by the data plane.
    /// </summary>
    [Id(13)]
    public string? AuthType { get; init; }

    /// <summary>API Gateway's default result cache TTL.</summary>
    public const int DefaultResultTtlInSeconds = 300;

    /// <summary>API Gateway's maximum result cache TTL.</summary>
    public const int MaxResultTtlInSeconds = 3600;

    /// <summary>TOKEN: a Lambda-style authorizer called with the token.</summary>
    public const string Token = "TOKEN";

    /// <summary>REQUEST: a Lambda-style authorizer called with the request's identity sources.</summary>
    public const string Request = "REQUEST";

    /// <summary>COGNITO_USER_POOLS: tokens of a user pool (any OIDC issuer here).</summary>
    public const string CognitoUserPools = "COGNITO_USER_POOLS";

    /// <summary>JWT: HTTP-API style JWT authorizer.</summary>
    public const string Jwt = "JWT";
}
