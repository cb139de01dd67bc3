namespace OrleansGateway.Edge.DataPlane.Routing;

/// <summary>Reads the API id from an execute-api host name: <c>{restApiId}.execute-api.{any domain}[:port]</c>.</summary>
internal static class ExecuteApiHost
{
    private const string Marker = ".execute-api.";

    /// <summary>The API id label of <paramref name="host"/>; false when the host is not of the execute-api form.</summary>
    public static bool TryGetApiId(ReadOnlySpan<char> host, out ReadOnlySpan<char> apiId)
    {
        apiId = default;
        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            host = host[..colon];
        }
        var marker = host.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        // The id is the whole first label, and a domain must follow the marker.
        if (marker <= 0 || host[..marker].Contains('.') || marker + Marker.Length >= host.Length)
        {
            return false;
        }
        apiId = host[..marker];
        return true;
    }
}
