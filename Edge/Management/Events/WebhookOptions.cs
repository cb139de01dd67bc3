namespace OrleansGateway.Edge.Management.Events;

/// <summary>Webhook delivery settings, bound from <c>Gateway:Events</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Events";

    /// <summary>
    /// The HMAC-SHA256 key every delivery is signed with (<c>X-Gateway-Signature: v1=hex(HMAC(key, "{timestamp}.{body}"))</c>).
    /// Never logged. Empty: a random key for the process's lifetime (receivers cannot verify; dev only).
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Attempts per delivery (the first plus retries, with exponential backoff).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Seconds one attempt may take.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 5;

    /// <summary>Events waiting for delivery at most; beyond it new events are dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>First retry delay in milliseconds (doubles each retry).</summary>
    public int RetryDelayMilliseconds { get; set; } = 500;
}
