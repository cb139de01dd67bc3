using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Waf.Compilation;

namespace OrleansGateway.Edge.DataPlane.Waf;

/// <summary>Compiles a WAFv2 web ACL (the <c>WebACL</c> object of GetWebACL) into an evaluable <see cref="CompiledWebAcl"/>.</summary>
public static class WebAclCompiler
{
    /// <summary>
    /// Compiles <paramref name="webAcl"/>, resolving the IP sets, regex pattern sets and rule groups
    /// it references through <paramref name="references"/>.
    /// </summary>
    /// <exception cref="WafDefinitionException">Something is invalid or unsupported; the message names the rule and field.</exception>
    public static CompiledWebAcl Compile(JsonElement webAcl, IWafReferences references, WafCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(references);
        return new WebAclCompilation(references, options ?? WafCompileOptions.Default).Compile(webAcl);
    }
}
