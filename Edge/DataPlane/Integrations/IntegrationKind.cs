namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>How a compiled method is served.</summary>
internal enum IntegrationKind
{
    /// <summary>HTTP_PROXY: the whole request is forwarded and the whole response returned.</summary>
    HttpProxy,
    /// <summary>HTTP: mapped parameters are forwarded; integration responses choose the status and headers.</summary>
    Http,
    /// <summary>MOCK: a precompiled response, no backend call.</summary>
    Mock,
    /// <summary>Anything that cannot be served (AWS, AWS_PROXY, no integration, a broken definition): 500.</summary>
    Unservable,
}
