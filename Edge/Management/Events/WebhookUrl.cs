namespace OrleansGateway.Edge.Management.Events;

/// <summary>Checks a webhook target: an absolute http or https URL of bounded length.</summary>
internal static class WebhookUrl
{
    public const int MaxLength = 2048;

    public static bool IsValid(string? url) =>
        url is { Length: > 0 and <= MaxLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo);
}
