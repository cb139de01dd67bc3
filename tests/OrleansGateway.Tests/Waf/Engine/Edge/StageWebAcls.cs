using System.Collections.Concurrent;
using OrleansGateway.Edge.DataPlane.Waf;

namespace OrleansGateway.Tests.Waf.Engine.Edge;

/// <summary>The test's web ACL source: ACLs compiled from JSON, associated with stages by the test.</summary>
internal sealed class StageWebAcls : IWebAclSource
{
    private readonly ConcurrentDictionary<(string ApiId, string Stage), CompiledWebAcl> _acls = new();

    public void Associate(string apiId, string stage, CompiledWebAcl acl) => _acls[(apiId, stage)] = acl;

    public CompiledWebAcl? ForStage(string restApiId, string stageName) => _acls.GetValueOrDefault((restApiId, stageName));
}
