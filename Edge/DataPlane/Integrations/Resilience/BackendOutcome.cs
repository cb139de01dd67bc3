using Yarp.ReverseProxy.Forwarder;

namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>How one forwarded exchange ended, as the circuit breaker of its backend sees it.</summary>
/// <param name="Error">YARP's verdict on the exchange.</param>
/// <param name="Failed">True when the backend is to blame: a 5xx, a connection failure, a timeout.</param>
internal readonly record struct BackendOutcome(ForwarderError Error, bool Failed);
