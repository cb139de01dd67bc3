using System.Collections.Frozen;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Names an API Gateway management call the way CloudTrail does (<c>CreateRestApi</c>, <c>GetStages</c>)
/// from its HTTP method and route pattern: the last literal segment names the resource, a trailing
/// parameter makes it one item rather than the collection.
/// </summary>
internal static class ApiGatewayOperationNames
{
    private static readonly FrozenDictionary<string, (string Singular, string Plural)> Nouns = new Dictionary<string, (string, string)>
    {
        ["restapis"] = ("RestApi", "RestApis"),
        ["deployments"] = ("Deployment", "Deployments"),
        ["stages"] = ("Stage", "Stages"),
        ["resources"] = ("Resource", "Resources"),
        ["methods"] = ("Method", "Methods"),
        ["authorizers"] = ("Authorizer", "Authorizers"),
        ["gatewayresponses"] = ("GatewayResponse", "GatewayResponses"),
        ["requestvalidators"] = ("RequestValidator", "RequestValidators"),
        ["models"] = ("Model", "Models"),
        ["apikeys"] = ("ApiKey", "ApiKeys"),
        ["clientcertificates"] = ("ClientCertificate", "ClientCertificates"),
        ["usageplans"] = ("UsagePlan", "UsagePlans"),
        ["keys"] = ("UsagePlanKey", "UsagePlanKeys"),
        ["usage"] = ("Usage", "Usage"),
        ["exports"] = ("Export", "Export"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The operation's name; <paramref name="pattern"/> is the route pattern without the base path.</summary>
    public static string Name(string method, string pattern, IQueryCollection query)
    {
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return "UnknownOperation";
        }
        if (segments is ["gateway", ..])
        {
            return "Get" + string.Concat(segments.Skip(1).Where(s => !s.StartsWith('{')).Select(Capitalize));
        }
        var item = segments[^1].StartsWith('{');
        var literal = segments.LastOrDefault(s => !s.StartsWith('{')) ?? "";
        if (!Nouns.TryGetValue(literal, out var noun))
        {
            noun = (Capitalize(literal), Capitalize(literal));
        }
        if (literal == "restapis" && method == "POST" && query.ContainsKey("mode"))
        {
            return "ImportRestApi";
        }
        if (literal == "apikeys" && method == "POST" && query.ContainsKey("mode"))
        {
            return "ImportApiKeys";
        }
        if (literal == "usage" && method == "GET" && pattern.EndsWith("/export", StringComparison.Ordinal))
        {
            return "GetUsageExport";
        }
        return method switch
        {
            "GET" => item ? "Get" + noun.Singular : "Get" + noun.Plural,
            "POST" => "Create" + noun.Singular,
            "PUT" => "Put" + noun.Singular,
            "PATCH" => "Update" + noun.Singular,
            "DELETE" => "Delete" + noun.Singular,
            _ => "UnknownOperation",
        };
    }

    private static string Capitalize(string segment) =>
        segment.Length == 0 ? segment : char.ToUpperInvariant(segment[0]) + segment[1..];
}
