namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>The default source until the cluster's WAF state is wired in: no stage has a web ACL.</summary>
internal sealed class NoWebAcls : IWebAclSource
{
    public CompiledWebAcl? ForStage(string restApiId, string stageName) => null;
}
