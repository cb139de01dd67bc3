using OrleansGateway.Edge.Security.Policies;

namespace OrleansGateway.Tests.Policies;

/// <summary>Builds <see cref="PolicyRequest"/>s for the policy tests.</summary>
internal static class PolicyRequests
{
    public const string Arn = "arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/pets";

    /// <summary>An anonymous invoke of <paramref name="resource"/> with condition values given as "key=value" (repeat a key for several values).</summary>
    public static PolicyRequest Anonymous(string resource = Arn, params string[] conditions) =>
        new("execute-api:Invoke", resource, null, null, Conditions(conditions));

    /// <summary>An IAM caller's invoke.</summary>
    public static PolicyRequest Iam(string userArn, string account, string resource = Arn, params string[] conditions) =>
        new("execute-api:Invoke", resource, userArn, account, Conditions(conditions));

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Conditions(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2))
            .GroupBy(p => p[0].ToLowerInvariant(), p => p[1])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g]);

    /// <summary>A one-statement Allow policy for anyone on <paramref name="resource"/> with <paramref name="condition"/> (JSON or empty).</summary>
    public static string AllowWith(string condition, string resource = "*") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"{{resource}}"{{(condition.Length == 0 ? "" : ",\"Condition\":" + condition)}}}]}""";
}
