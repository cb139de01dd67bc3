using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// Reads <c>x-gateway-resilience</c>, at the API root and on operations: the root's values apply
/// to every integration, an operation's values override them field by field. Values out of range
/// are reported and ignored, so a bad setting never makes a method unservable.
/// </summary>
/// <example>
/// <code>
/// "x-gateway-resilience": {
///   "circuitBreaker": { "enabled": true, "failureRatio": 0.5, "samplingDurationSeconds": 30,
///                       "minimumThroughput": 20, "breakDurationSeconds": 30 },
///   "retry": { "maxRetries": 2, "baseDelayMillis": 50 },
///   "tls": { "trustStore": "internal", "clientCertificateId": "abc123" }
/// }
/// </code>
/// </example>
internal static class ResilienceExtension
{
    /// <summary>The extension's name.</summary>
    public const string Name = "x-gateway-resilience";

    /// <summary>The most retries an API may ask for.</summary>
    public const int MaxRetries = 5;

    private static readonly TimeSpan MinimumWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaximumWindow = TimeSpan.FromDays(1);

    /// <summary>The settings for one method: defaults, then the API's, then the operation's.</summary>
    public static ResilienceSettings Resolve(
        IReadOnlyDictionary<string, string> apiExtensions,
        IReadOnlyDictionary<string, string> methodExtensions,
        Action<string> problem)
    {
        var settings = ResilienceSettings.Default;
        if (apiExtensions.TryGetValue(Name, out var root))
        {
            settings = Apply(settings, root, problem);
        }
        if (methodExtensions.TryGetValue(Name, out var operation))
        {
            settings = Apply(settings, operation, problem);
        }
        return settings;
    }

    private static ResilienceSettings Apply(ResilienceSettings settings, string json, Action<string> problem)
    {
        JsonObject? extension;
        try
        {
            extension = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            extension = null;
        }
        if (extension is null)
        {
            problem($"{Name} is not a JSON object and is ignored");
            return settings;
        }

        var breaker = settings.CircuitBreaker;
        if (extension["circuitBreaker"] is JsonObject b)
        {
            breaker = breaker with
            {
                Enabled = Boolean(b, "enabled", problem) ?? breaker.Enabled,
                FailureRatio = Number(b, "failureRatio", 0.01, 1, problem) ?? breaker.FailureRatio,
                SamplingDuration = Seconds(b, "samplingDurationSeconds", problem) ?? breaker.SamplingDuration,
                MinimumThroughput = (int?)Number(b, "minimumThroughput", 2, 100_000, problem) ?? breaker.MinimumThroughput,
                BreakDuration = Seconds(b, "breakDurationSeconds", problem) ?? breaker.BreakDuration,
            };
        }
        var retry = settings.Retry;
        if (extension["retry"] is JsonObject r)
        {
            retry = retry with
            {
                MaxRetries = (int?)Number(r, "maxRetries", 0, MaxRetries, problem) ?? retry.MaxRetries,
                BaseDelay = Number(r, "baseDelayMillis", 0, 10_000, problem) is { } millis ? TimeSpan.FromMilliseconds(millis) : retry.BaseDelay,
            };
        }
        var trustStore = settings.TrustStore;
        if (extension["tls"] is JsonObject tls && tls["trustStore"] is { } name)
        {
            if (name.GetValueKind() == JsonValueKind.String && name.GetValue<string>() is { Length: > 0 and <= 128 } value)
            {
                trustStore = value;
            }
            else
            {
                problem($"{Name} tls.trustStore must be the name of a configured trust store and is ignored");
            }
        }
        var clientCertificateId = settings.ClientCertificateId;
        if (extension["tls"] is JsonObject mtls && mtls["clientCertificateId"] is { } id)
        {
            // Beyond API Gateway, where only the stage names a certificate: one integration may present its own.
            if (id.GetValueKind() == JsonValueKind.String && id.GetValue<string>() is { Length: > 0 and <= 64 } value)
            {
                clientCertificateId = value;
            }
            else
            {
                problem($"{Name} tls.clientCertificateId must be a client certificate id and is ignored");
            }
        }
        return new ResilienceSettings(breaker, retry, trustStore, clientCertificateId);
    }

    private static bool? Boolean(JsonObject node, string name, Action<string> problem)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }
        if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }
        problem($"{Name} {name} must be true or false and is ignored");
        return null;
    }

    private static double? Number(JsonObject node, string name, double minimum, double maximum, Action<string> problem)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }
        if (value.GetValueKind() == JsonValueKind.Number && value.GetValue<double>() is var number && number >= minimum && number <= maximum)
        {
            return number;
        }
        problem(string.Create(CultureInfo.InvariantCulture, $"{Name} {name} must be a number from {minimum} to {maximum} and is ignored"));
        return null;
    }

    private static TimeSpan? Seconds(JsonObject node, string name, Action<string> problem) =>
        Number(node, name, MinimumWindow.TotalSeconds, MaximumWindow.TotalSeconds, problem) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
}
