namespace OrleansGateway.Edge.Management.Validators;

/// <summary>CreateRequestValidator's body.</summary>
internal sealed record CreateRequestValidatorBody(string? Name, bool? ValidateRequestBody, bool? ValidateRequestParameters);
