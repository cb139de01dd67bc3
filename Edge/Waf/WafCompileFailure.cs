namespace OrleansGateway.Edge.Waf;

/// <summary>An associated web ACL the edge could not compile, and the compiler's reason.</summary>
public sealed record WafCompileFailure(string WebAclArn, string Reason);
