namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// API Gateway's <c>RequestValidator</c>. It lives in the API's <c>x-amazon-apigateway-request-validators</c>
/// extension, keyed by name, and methods name it; so its id is its name.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.RequestValidatorDefinition")]
public sealed record RequestValidatorDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] bool ValidateRequestBody,
    [property: Id(3)] bool ValidateRequestParameters);
