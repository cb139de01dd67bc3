namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>API Gateway's names for <see cref="GatewayResponseType"/>s, as the extension and the management API spell them.</summary>
public static class GatewayResponseTypeNames
{
    /// <summary>The catch-all for 4xx types without their own customisation.</summary>
    public const string Default4xx = "DEFAULT_4XX";

    /// <summary>The catch-all for 5xx types without their own customisation.</summary>
    public const string Default5xx = "DEFAULT_5XX";

    /// <summary>
    /// The AWS name of <paramref name="type"/>; null for the edge's own types (414, 502, 503) that
    /// API Gateway does not have: those can only be customised through DEFAULT_4XX / DEFAULT_5XX.
    /// </summary>
    public static string? AwsName(GatewayResponseType type) => type switch
    {
        GatewayResponseType.MissingAuthenticationToken => "MISSING_AUTHENTICATION_TOKEN",
        GatewayResponseType.AccessDenied => "ACCESS_DENIED",
        GatewayResponseType.Unauthorized => "UNAUTHORIZED",
        GatewayResponseType.AuthorizerFailure => "AUTHORIZER_FAILURE",
        GatewayResponseType.AuthorizerConfigurationError => "AUTHORIZER_CONFIGURATION_ERROR",
        GatewayResponseType.InvalidSignature => "INVALID_SIGNATURE",
        GatewayResponseType.ExpiredToken => "EXPIRED_TOKEN",
        GatewayResponseType.InvalidApiKey => "INVALID_API_KEY",
        GatewayResponseType.WafFiltered => "WAF_FILTERED",
        GatewayResponseType.Throttled => "THROTTLED",
        GatewayResponseType.QuotaExceeded => "QUOTA_EXCEEDED",
        GatewayResponseType.BadRequestParameters => "BAD_REQUEST_PARAMETERS",
        GatewayResponseType.BadRequestBody => "BAD_REQUEST_BODY",
        GatewayResponseType.RequestTooLarge => "REQUEST_TOO_LARGE",
        GatewayResponseType.ApiConfigurationError => "API_CONFIGURATION_ERROR",
        GatewayResponseType.IntegrationFailure => "INTEGRATION_FAILURE",
        GatewayResponseType.IntegrationTimeout => "INTEGRATION_TIMEOUT",
        GatewayResponseType.ResourceNotFound => "RESOURCE_NOT_FOUND",
        GatewayResponseType.UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
        _ => null,
    };

    /// <summary>The catch-all that applies to a response with <paramref name="defaultStatus"/>.</summary>
    public static string DefaultFor(int defaultStatus) => defaultStatus >= 500 ? Default5xx : Default4xx;
}
