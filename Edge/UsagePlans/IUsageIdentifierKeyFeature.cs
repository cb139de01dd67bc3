namespace OrleansGateway.Edge.UsagePlans;

/// <summary>
/// Set by a Lambda-style authorizer that returned <c>usageIdentifierKey</c>: the API key to use
/// when the API's key source is AUTHORIZER.
/// </summary>
public interface IUsageIdentifierKeyFeature
{
    /// <summary>The key value the authorizer named.</summary>
    string UsageIdentifierKey { get; }
}
