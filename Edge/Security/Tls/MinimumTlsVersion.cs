using System.Security.Authentication;

namespace OrleansGateway.Edge.Security.Tls;

/// <summary>
/// A listener's TLS policy. Like API Gateway's <c>TLS_1_2</c> security policy the floor is TLS 1.2;
/// <c>1.3</c> refuses TLS 1.2 too. TLS 1.0 and 1.1 are never offered whatever is configured.
/// </summary>
internal static class MinimumTlsVersion
{
    /// <summary>The protocols a listener with minimum <paramref name="value"/> accepts.</summary>
    public static SslProtocols Parse(string? value, string key) => value?.Trim() switch
    {
        null or "" or "1.2" or "TLS_1_2" => SslProtocols.Tls12 | SslProtocols.Tls13,
        "1.3" or "TLS_1_3" => SslProtocols.Tls13,
        _ => throw new InvalidOperationException($"{key} '{value}' is not supported: use 1.2 or 1.3 (TLS 1.0 and 1.1 are always refused)."),
    };
}
