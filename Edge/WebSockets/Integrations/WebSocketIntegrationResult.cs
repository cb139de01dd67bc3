namespace OrleansGateway.Edge.WebSockets.Integrations;

/// <summary>What an integration answered: its status (0 when it could not be reached) and body.</summary>
internal readonly record struct WebSocketIntegrationResult(int StatusCode, byte[] Body)
{
    /// <summary>2xx.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>The backend could not be reached or timed out.</summary>
    public bool Unreachable => StatusCode == 0;
}
