namespace OrleansGateway.Edge.DataPlane.Validation;

/// <summary>Bounds on request validation, bound from <c>Gateway:Validation</c>.</summary>
public sealed class RequestValidationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway:Validation";

    /// <summary>
    /// The deepest JSON nesting a validated body may have; deeper bodies are refused with
    /// <c>BAD_REQUEST_BODY</c> before any schema work, so a hostile body cannot exhaust the stack.
    /// </summary>
    public int MaxJsonDepth { get; set; } = 64;
}
