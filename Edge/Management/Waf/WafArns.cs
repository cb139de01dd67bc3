using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>The ARNs WAF exchanges: its own entities' and the API Gateway stages it protects.</summary>
internal sealed partial class WafArns(IOptions<GatewayOptions> gateway)
{
    /// <summary>The prefix of every WAF entity ARN here: <c>arn:aws:wafv2:{region}:{account}:regional</c>.</summary>
    public string EntityPrefix => $"arn:aws:wafv2:{gateway.Value.Region}:{gateway.Value.AccountId}:regional";

    /// <summary>The ARN of an API Gateway stage, as WAF names associated resources.</summary>
    public string Stage(string restApiId, string stageName) => $"arn:aws:apigateway:{gateway.Value.Region}::/restapis/{restApiId}/stages/{stageName}";

    /// <summary>The label namespace WAF reports for a web ACL or rule group.</summary>
    public string LabelNamespace(string segment, string name) => $"awswaf:{gateway.Value.AccountId}:{segment}:{name}:";

    /// <summary>Reads a stage ARN; anything else (another resource type, another region) is WAFInvalidParameterException.</summary>
    public (string RestApiId, string StageName) ParseStage(string arn)
    {
        var match = StagePattern().Match(arn);
        if (!match.Success || match.Groups["region"].Value != gateway.Value.Region)
        {
            throw WafException.InvalidParameter("RESOURCE_ARN", arn,
                "Only API Gateway stages (arn:aws:apigateway:{region}::/restapis/{apiId}/stages/{stageName}) can be associated here");
        }
        return (match.Groups["api"].Value, match.Groups["stage"].Value);
    }

    /// <summary>Checks that <paramref name="arn"/> looks like a WAF ARN of <paramref name="segment"/> in this account and region.</summary>
    public bool IsEntity(string arn, string segment) => arn.StartsWith($"{EntityPrefix}/{segment}/", StringComparison.Ordinal);

    [GeneratedRegex(@"^arn:aws:apigateway:(?<region>[a-z0-9-]+)::/restapis/(?<api>[A-Za-z0-9]{1,64})/stages/(?<stage>[A-Za-z0-9_\-]{1,128})$", RegexOptions.CultureInvariant)]
    private static partial Regex StagePattern();
}
