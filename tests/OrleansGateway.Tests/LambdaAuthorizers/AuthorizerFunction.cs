using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansGateway.Tests.LambdaAuthorizers;

/// <summary>
/// A real HTTP "Lambda authorizer" on loopback: counts calls per identity, keeps the events it got,
/// and answers by the token's first word after <c>Bearer </c> (TOKEN) or allows <c>x-tenant</c> +
/// <c>user</c> (REQUEST): see <see cref="Answer"/>.
/// </summary>
public sealed class AuthorizerFunction : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    private AuthorizerFunction(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where the gateway POSTs events.</summary>
    public string Url { get; }

    /// <summary>The events received, newest last.</summary>
    public ConcurrentQueue<JsonElement> Events { get; } = new();

    /// <summary>Every event answers this status and body instead, when set.</summary>
    public (int Status, string Body)? Override { get; set; }

    public int CallsFor(string identity) => _calls.GetValueOrDefault(identity);

    public int TotalCalls => _calls.Values.Sum();

    public static async Task<AuthorizerFunction> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        AuthorizerFunction? function = null;
        app.Run(context => function!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        function = new AuthorizerFunction(app, address.TrimEnd('/') + "/authorize");
        return function;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var payload = document.RootElement.Clone();
        Events.Enqueue(payload);
        var identity = IdentityOf(payload);
        _calls.AddOrUpdate(identity, 1, static (_, n) => n + 1);
        var (status, body, delay) = Override is { } fixedAnswer ? (fixedAnswer.Status, fixedAnswer.Body, TimeSpan.Zero) : Answer(payload, identity);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>TOKEN: the token; REQUEST: <c>{x-tenant}:{user}</c>; payload 2.0: the first identity source.</summary>
    public static string IdentityOf(JsonElement payload)
    {
        if (payload.TryGetProperty("authorizationToken", out var token) && payload.GetProperty("type").GetString() == "TOKEN")
        {
            return token.GetString()!;
        }
        if (payload.TryGetProperty("identitySource", out var sources) && sources.ValueKind == JsonValueKind.Array)
        {
            return sources[0].GetString()!;
        }
        var tenant = payload.GetProperty("headers").EnumerateObject().FirstOrDefault(h => h.Name.Equals("x-tenant", StringComparison.OrdinalIgnoreCase)).Value;
        var user = payload.TryGetProperty("queryStringParameters", out var query) && query.ValueKind == JsonValueKind.Object && query.TryGetProperty("user", out var u) ? u.GetString() : null;
        return $"{(tenant.ValueKind == JsonValueKind.String ? tenant.GetString() : "")}:{user}";
    }

    /// <summary>
    /// <c>allow-*</c>: Allow on the whole API, context {tier:"gold", n:7, b:true}; <c>keyed-{key}</c>: the same with usageIdentifierKey {key};
    /// <c>deny-*</c>: Deny; <c>getonly-*</c>: Allow GET /pets only; <c>unauth-*</c>: 401; <c>thrown-*</c>: {"errorMessage":"Unauthorized"};
    /// <c>lambdaerror-*</c>: {"errorMessage":"boom"}; <c>garbage-*</c>: not JSON; <c>big-*</c>: a 9 KB answer;
    /// <c>object-*</c>: a context value that is an object; <c>slow-*</c>: answers after 3 s; <c>crash-*</c>: HTTP 500.
    /// Payload 2.0: a simple response, authorized for identities starting <c>ok</c>.
    /// </summary>
    private static (int Status, string Body, TimeSpan Delay) Answer(JsonElement payload, string identity)
    {
        if (payload.TryGetProperty("version", out var version) && version.GetString() == "2.0")
        {
            // Payload 2.0 with simple responses: tenants starting "ok" are authorized.
            var authorized = identity.StartsWith("ok", StringComparison.Ordinal) ? "true" : "false";
            return (200, "{\"isAuthorized\":" + authorized + ",\"context\":{\"tier\":\"gold\",\"list\":[1,2]}}", TimeSpan.Zero);
        }
        var methodArn = payload.TryGetProperty("methodArn", out var arn) ? arn.GetString()! : payload.GetProperty("routeArn").GetString()!;
        var apiArn = methodArn[..methodArn.IndexOf('/', StringComparison.Ordinal)];
        var word = identity.StartsWith("Bearer ", StringComparison.Ordinal) ? identity["Bearer ".Length..] : "allow-" + identity;
        var kind = word.Split('-')[0];
        return kind switch
        {
            "allow" => (200, Policy(identity, "Allow", apiArn + "/*"), TimeSpan.Zero),
            "keyed" => (200, Policy(identity, "Allow", apiArn + "/*", word["keyed-".Length..]), TimeSpan.Zero),
            "deny" => (200, Policy(identity, "Deny", apiArn + "/*"), TimeSpan.Zero),
            "getonly" => (200, Policy(identity, "Allow", "arn:aws:execute-api:*:*:*/*/GET/pets"), TimeSpan.Zero),
            "unauth" => (401, "{\"message\":\"Unauthorized\"}", TimeSpan.Zero),
            "thrown" => (200, "{\"errorMessage\":\"Unauthorized\",\"errorType\":\"Error\"}", TimeSpan.Zero),
            "lambdaerror" => (200, "{\"errorMessage\":\"boom\",\"errorType\":\"Error\"}", TimeSpan.Zero),
            "garbage" => (200, "<html>not json</html>", TimeSpan.Zero),
            "big" => (200, Policy(identity, "Allow", apiArn + "/*", null, new string('x', 9 * 1024)), TimeSpan.Zero),
            "object" => (200, "{\"principalId\":\"p\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"}]},\"context\":{\"nested\":{\"a\":1}}}", TimeSpan.Zero),
            "slow" => (200, Policy(identity, "Allow", apiArn + "/*"), TimeSpan.FromSeconds(3)),
            "crash" => (500, "{}", TimeSpan.Zero),
            _ => (200, Policy(identity, "Allow", apiArn + "/*"), TimeSpan.Zero),
        };
    }

    private static string Policy(string identity, string effect, string resource, string? usageKey = null, string? padding = null)
    {
        var principal = identity.StartsWith("Bearer ", StringComparison.Ordinal) ? "user-" + identity["Bearer ".Length..] : identity;
        var context = new Dictionary<string, object> { ["tier"] = "gold", ["n"] = 7, ["b"] = true };
        if (padding is not null)
        {
            context["padding"] = padding;
        }
        var answer = new Dictionary<string, object>
        {
            ["principalId"] = principal,
            ["policyDocument"] = new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Action = "execute-api:Invoke", Effect = effect, Resource = resource } },
            },
            ["context"] = context,
        };
        if (usageKey is not null)
        {
            answer["usageIdentifierKey"] = usageKey;
        }
        return JsonSerializer.Serialize(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
