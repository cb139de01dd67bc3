namespace OrleansGateway.Edge.Management.Config;

/// <summary>The resource types configuration history records (AWS Config's names).</summary>
internal static class ConfigResourceTypes
{
    public const string RestApi = "AWS::ApiGateway::RestApi";
    public const string Stage = "AWS::ApiGateway::Stage";
    public const string Deployment = "AWS::ApiGateway::Deployment";
    public const string Authorizer = "AWS::ApiGateway::Authorizer";
    public const string ApiKey = "AWS::ApiGateway::ApiKey";
    public const string UsagePlan = "AWS::ApiGateway::UsagePlan";
    public const string UsagePlanKey = "AWS::ApiGateway::UsagePlanKey";
    public const string ClientCertificate = "AWS::ApiGateway::ClientCertificate";
    public const string IamPolicy = "AWS::IAM::Policy";
    public const string IamUser = "AWS::IAM::User";
    public const string DataPlaneListener = "Gateway::DataPlane::Listener";

    /// <summary>WAFv2 entity types by the noun in the operation name.</summary>
    public static string? Waf(string noun) => noun switch
    {
        "WebACL" => "AWS::WAFv2::WebACL",
        "IPSet" => "AWS::WAFv2::IPSet",
        "RegexPatternSet" => "AWS::WAFv2::RegexPatternSet",
        "RuleGroup" => "AWS::WAFv2::RuleGroup",
        _ => null,
    };
}
