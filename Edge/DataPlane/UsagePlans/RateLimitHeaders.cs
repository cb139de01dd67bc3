using System.Globalization;
using System.Text;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Edge.UsagePlans.Leases;

namespace OrleansGateway.Edge.DataPlane.UsagePlans;

/// <summary>
/// The IETF <c>RateLimit-Policy</c> / <c>RateLimit</c> headers (draft-ietf-httpapi-ratelimit-headers,
/// structured-field form), opted into per stage. Two policies: <c>"quota"</c> (the plan's quota;
/// window = its period) and <c>"throttle"</c> (the token bucket that applies: its rate per 1-second
/// window). Remaining counts are this edge's best knowledge: exact at
/// the grain when the lease was granted, minus what this edge has admitted since.
/// </summary>
internal static class RateLimitHeaders
{
    public static void Add(IHeaderDictionary headers, PlanForStage? plan, LimitDecision? throttle, LimitDecision? quota)
    {
        var policy = new StringBuilder();
        var state = new StringBuilder();
        if (quota is { } q && plan?.Quota is { } settings)
        {
            Append(policy, $"\"quota\";q={settings.Limit};w={PeriodSeconds(settings.Period)}");
            Append(state, $"\"quota\";r={Math.Max(0, q.Remaining)};t={Seconds(q.ResetAfter)}");
        }
        if (throttle is { Limit: > 0 } t)
        {
            Append(policy, $"\"throttle\";q={t.Limit};w=1");
            Append(state, $"\"throttle\";r={Math.Max(0, t.Remaining)};t={Seconds(t.ResetAfter)}");
        }
        if (policy.Length > 0)
        {
            headers["RateLimit-Policy"] = policy.ToString();
            headers["RateLimit"] = state.ToString();
        }
    }

    private static void Append(StringBuilder builder, FormattableString item)
    {
        if (builder.Length > 0)
        {
            builder.Append(", ");
        }
        builder.Append(item.ToString(CultureInfo.InvariantCulture));
    }

    private static long Seconds(TimeSpan span) => Math.Max(0, (long)Math.Ceiling(span.TotalSeconds));

    private static long PeriodSeconds(string period) => period switch
    {
        "DAY" => 86_400,
        "WEEK" => 604_800,
        _ => 2_592_000, // MONTH: 30 days, the window a client should budget against
    };
}
