using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Events;

namespace OrleansGateway.Tests.Audit;

public sealed class EventPatternTests
{
    private static readonly JsonNode Event = JsonNode.Parse("""
        {"source": "aws.apigateway", "detail-type": "AWS API Call via CloudTrail",
         "detail": {"eventName": "CreateDeployment", "changeType": "deployed", "tags": ["a", "b"], "count": 3}}
        """)!;

    [Theory]
    [InlineData("""{"source": ["aws.apigateway"]}""", true)]
    [InlineData("""{"source": ["aws.iam", "aws.apigateway"], "detail": {"changeType": ["deployed"]}}""", true)]
    [InlineData("""{"detail": {"changeType": ["created"]}}""", false)]
    [InlineData("""{"source": [{"prefix": "aws."}]}""", true)]
    [InlineData("""{"detail": {"eventName": [{"anything-but": ["DeleteRestApi"]}]}}""", true)]
    [InlineData("""{"detail": {"eventName": [{"anything-but": "CreateDeployment"}]}}""", false)]
    [InlineData("""{"detail": {"missing": [{"exists": false}]}}""", true)]
    [InlineData("""{"detail": {"changeType": [{"exists": true}]}}""", true)]
    [InlineData("""{"detail": {"tags": ["b"]}}""", true)]
    [InlineData("""{"detail": {"count": [3]}}""", true)]
    [InlineData("""{"detail": {"count": ["3"]}}""", false)]
    [InlineData("""{"source": {"nested": ["x"]}}""", false)]
    public void Matches_like_EventBridge(string pattern, bool expected) =>
        Assert.Equal(expected, EventPattern.Parse(pattern).Matches(Event));

    [Theory]
    [InlineData("""{"source": "aws.apigateway"}""")]
    [InlineData("""{"source": []}""")]
    [InlineData("""{}""")]
    [InlineData("""[1]""")]
    [InlineData("""{"source": [{"suffix": "x"}]}""")]
    [InlineData("not json")]
    public void Rejects_patterns_that_are_not_patterns(string pattern) =>
        Assert.Throws<ArgumentException>(() => EventPattern.Parse(pattern));
}
