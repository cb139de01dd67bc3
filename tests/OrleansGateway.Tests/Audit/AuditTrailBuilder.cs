using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansGateway.Edge.Management.Audit;

namespace OrleansGateway.Tests.Audit;

/// <summary>Real audit trails over a real Redis, under a key prefix of their own.</summary>
internal static class AuditTrailBuilder
{
    public const string DigestKey = "audit-test-digest-key-0123456789abcdef";

    public static AuditTrail Trail(RedisAuditStore store, int digestEvery) =>
        new(store, new AuditSigner(DigestKey), new AuditSettings("000000000000", digestEvery, "gateway-admin", 16 * 1024, 5000),
            TimeProvider.System, NullLogger<AuditTrail>.Instance);

    public static ManagementCall Call(int n) => new()
    {
        EventId = Guid.NewGuid(),
        EventTime = DateTimeOffset.UtcNow,
        EventSource = "apigateway.amazonaws.com",
        EventName = "CreateRestApi",
        ReadOnly = false,
        AccessKeyId = "AKIDAUDITTEST",
        UserName = "gateway-admin",
        SourceIpAddress = "127.0.0.1",
        Region = "us-east-1",
        RequestParameters = new JsonObject { ["body"] = new JsonObject { ["name"] = $"api-{n}" } },
        Resources = [new AuditResource("AWS::ApiGateway::RestApi", $"id{n}")],
        StatusCode = 201,
    };

    /// <summary>A fresh trail of <paramref name="count"/> records under <paramref name="prefix"/>.</summary>
    public static async Task<RedisAuditStore> SeedAsync(string redis, string prefix, int count, int digestEvery)
    {
        var store = new RedisAuditStore(redis, prefix);
        var trail = Trail(store, digestEvery);
        for (var i = 1; i <= count; i++)
        {
            await trail.AppendAsync(Call(i), CancellationToken.None);
        }
        return store;
    }
}
