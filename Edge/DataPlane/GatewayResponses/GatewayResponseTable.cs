using System.Collections.Frozen;

namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>
/// The gateway responses of one API stage. <see cref="Default"/> holds API Gateway's built-in
/// responses; an API's customised table is compiled with its stage by <see cref="GatewayResponseCompiler"/>.
/// </summary>
public sealed class GatewayResponseTable
{
    private const string InternalServerError = "Internal server error";
    private const string InternalServerErrorException = "InternalServerErrorException";

    private readonly FrozenDictionary<GatewayResponseType, GatewayResponse> _responses;

    /// <summary>Creates a table; types missing from <paramref name="responses"/> use <see cref="Default"/>'s.</summary>
    public GatewayResponseTable(IEnumerable<GatewayResponse> responses)
    {
        var merged = new Dictionary<GatewayResponseType, GatewayResponse>();
        if (Default is not null)
        {
            foreach (var (type, response) in Default._responses)
            {
                merged[type] = response;
            }
        }
        foreach (var response in responses)
        {
            merged[response.Type] = response;
        }
        _responses = merged.ToFrozenDictionary();
    }

    /// <summary>API Gateway's built-in gateway responses.</summary>
    public static GatewayResponseTable Default { get; } = new(
    [
        new(GatewayResponseType.MissingAuthenticationToken, 403, "Missing Authentication Token", "MissingAuthenticationTokenException"),
        new(GatewayResponseType.AccessDenied, 403, "User is not authorized to access this resource", "AccessDeniedException"),
        new(GatewayResponseType.Unauthorized, 401, "Unauthorized", "UnauthorizedException"),
        new(GatewayResponseType.AuthorizerFailure, 500, InternalServerError, "AuthorizerFailureException"),
        new(GatewayResponseType.AuthorizerConfigurationError, 500, null, "AuthorizerConfigurationException"),
        new(GatewayResponseType.InvalidSignature, 403, "The request signature we calculated does not match the signature you provided.", "InvalidSignatureException"),
        new(GatewayResponseType.ExpiredToken, 403, "The security token included in the request is expired", "ExpiredTokenException"),
        new(GatewayResponseType.InvalidApiKey, 403, "Forbidden", "ForbiddenException"),
        new(GatewayResponseType.WafFiltered, 403, "Forbidden", "ForbiddenException"),
        new(GatewayResponseType.Throttled, 429, "Too Many Requests", "TooManyRequestsException"),
        new(GatewayResponseType.QuotaExceeded, 429, "Limit Exceeded", "LimitExceededException"),
        new(GatewayResponseType.BadRequestParameters, 400, "Bad Request", "BadRequestException"),
        new(GatewayResponseType.BadRequestBody, 400, "Invalid request body", "BadRequestException"),
        new(GatewayResponseType.RequestTooLarge, 413, "Request Too Long", "RequestTooLargeException"),
        new(GatewayResponseType.RequestUriTooLong, 414, "Request-URI Too Long", "RequestUriTooLongException"),
        new(GatewayResponseType.ApiConfigurationError, 500, InternalServerError, InternalServerErrorException),
        new(GatewayResponseType.IntegrationFailure, 504, InternalServerError, InternalServerErrorException),
        new(GatewayResponseType.IntegrationTimeout, 504, "Endpoint request timed out", InternalServerErrorException),
        new(GatewayResponseType.BadGateway, 502, InternalServerError, InternalServerErrorException),
        new(GatewayResponseType.ServiceUnavailable, 503, "Service Unavailable", "ServiceUnavailableException"),
        new(GatewayResponseType.ResourceNotFound, 404, "Resource not found", "ResourceNotFoundException"),
        new(GatewayResponseType.UnsupportedMediaType, 415, "Unsupported Media Type", "UnsupportedMediaTypeException"),
    ]);

    /// <summary>Every response of the table.</summary>
    public IEnumerable<GatewayResponse> All => _responses.Values;

    /// <summary>The response for <paramref name="type"/>.</summary>
    public GatewayResponse this[GatewayResponseType type] => _responses[type];
}
