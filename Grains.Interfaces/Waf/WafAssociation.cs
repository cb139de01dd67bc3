namespace OrleansGateway.Grains.Interfaces.Waf;

/// <summary>A web ACL protecting one API Gateway stage.</summary>
[GenerateSerializer, Immutable, Alias("og.WafAssociation")]
public sealed record WafAssociation(
    [property: Id(0)] string RestApiId,
    [property: Id(1)] string StageName,
    [property: Id(2)] string WebAclArn);
