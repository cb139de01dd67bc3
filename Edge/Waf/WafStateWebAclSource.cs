using OrleansGateway.Edge.DataPlane.Waf;

namespace OrleansGateway.Edge.Waf;

/// <summary>The data plane's source of web ACLs: the installed <see cref="WafState"/>, read with one volatile load.</summary>
internal sealed class WafStateWebAclSource(WafStateStore store) : IWebAclSource
{
    /// <inheritdoc />
    public CompiledWebAcl? ForStage(string restApiId, string stageName) => store.Current.ForStage(restApiId, stageName);
}
