namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>
/// The kinds of error the gateway itself answers, as API Gateway's gateway response types. Each
/// has a default status, message and <c>x-amzn-ErrorType</c>; an API customises them (x-amazon-apigateway-gateway-responses,
/// PutGatewayResponse) through its compiled <see cref="GatewayResponseTable"/>.
/// </summary>
public enum GatewayResponseType
{
    /// <summary><c>MISSING_AUTHENTICATION_TOKEN</c>: 403, also used for an unknown API, stage, resource or method.</summary>
    MissingAuthenticationToken,
    /// <summary><c>ACCESS_DENIED</c>: 403.</summary>
    AccessDenied,
    /// <summary><c>UNAUTHORIZED</c>: 401.</summary>
    Unauthorized,
    /// <summary><c>AUTHORIZER_FAILURE</c>: 500, the authorizer could not be called or failed.</summary>
    AuthorizerFailure,
    /// <summary><c>AUTHORIZER_CONFIGURATION_ERROR</c>: 500 with <c>{"message":null}</c>, the authorizer answered something unusable.</summary>
    AuthorizerConfigurationError,
    /// <summary><c>INVALID_SIGNATURE</c>: 403, a SigV4 signature that does not verify (or an unknown access key).</summary>
    InvalidSignature,
    /// <summary><c>EXPIRED_TOKEN</c>: 403, SigV4 credentials or a signature outside the replay window.</summary>
    ExpiredToken,
    /// <summary><c>INVALID_API_KEY</c>: 403.</summary>
    InvalidApiKey,
    /// <summary><c>WAF_FILTERED</c>: 403.</summary>
    WafFiltered,
    /// <summary><c>THROTTLED</c>: 429.</summary>
    Throttled,
    /// <summary><c>QUOTA_EXCEEDED</c>: 429.</summary>
    QuotaExceeded,
    /// <summary><c>BAD_REQUEST_PARAMETERS</c>: 400.</summary>
    BadRequestParameters,
    /// <summary><c>BAD_REQUEST_BODY</c>: 400; also a request body the client broke off or sent malformed.</summary>
    BadRequestBody,
    /// <summary><c>REQUEST_TOO_LARGE</c>: 413, body over the data plane's limit.</summary>
    RequestTooLarge,
    /// <summary>Not an API Gateway type: 414 for a URL over the length or segment limit.</summary>
    RequestUriTooLong,
    /// <summary><c>API_CONFIGURATION_ERROR</c>: 500, e.g. an unsupported integration or no matching integration response.</summary>
    ApiConfigurationError,
    /// <summary><c>INTEGRATION_FAILURE</c>: 504 by API Gateway's default.</summary>
    IntegrationFailure,
    /// <summary><c>INTEGRATION_TIMEOUT</c>: 504 when the backend's response headers do not arrive in time.</summary>
    IntegrationTimeout,
    /// <summary>Not an API Gateway type: 502 when the backend cannot be reached or breaks the exchange.</summary>
    BadGateway,
    /// <summary>Not an API Gateway type: 503 while the edge has not synchronised its routing tables.</summary>
    ServiceUnavailable,
    /// <summary><c>RESOURCE_NOT_FOUND</c>: 404, a resource not found after authentication and authorization passed.</summary>
    ResourceNotFound,
    /// <summary><c>UNSUPPORTED_MEDIA_TYPE</c>: 415, no request template matches and passthrough is <c>NEVER</c>.</summary>
    UnsupportedMediaType,
}
