namespace OrleansGateway.Edge.Management.Validators;

/// <summary>API Gateway's <c>RequestValidator</c> shape.</summary>
/// <param name="Id">The validator's id; for validators from OpenAPI it is their name, as methods' <c>requestValidatorId</c> shows.</param>
internal sealed record RequestValidatorResponse(string Id, string Name, bool ValidateRequestBody, bool ValidateRequestParameters);
