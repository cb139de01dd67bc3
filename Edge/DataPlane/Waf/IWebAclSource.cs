namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>The web ACL associated with a stage, as pushed from the cluster to this edge.</summary>
public interface IWebAclSource
{
    /// <summary>The compiled web ACL associated with the stage, or null when none is.</summary>
    CompiledWebAcl? ForStage(string restApiId, string stageName);
}
