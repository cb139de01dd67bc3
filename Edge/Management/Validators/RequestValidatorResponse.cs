using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.Validators;

/// <summary>API Gateway's <c>RequestValidator</c> shape.</summary>
/// <param name="Id">The validator's id, which is its name (methods' <c>requestValidatorId</c> shows it).</param>
internal sealed record RequestValidatorResponse(string Id, string Name, bool ValidateRequestBody, bool ValidateRequestParameters)
{
    public static RequestValidatorResponse From(RequestValidatorDefinition validator) =>
        new(validator.Id, validator.Name, validator.ValidateRequestBody, validator.ValidateRequestParameters);
}
