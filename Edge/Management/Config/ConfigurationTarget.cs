namespace OrleansGateway.Edge.Management.Config;

/// <summary>How a changed resource's new state is obtained.</summary>
internal enum ConfigurationSource
{
    /// <summary>Read back from the grains after the call (REST APIs with their methods, stages with their web ACL).</summary>
    ReadAfter,

    /// <summary>The call's (masked) answer.</summary>
    Response,

    /// <summary>The call's (masked) request parameters, for services whose answers do not carry the state (IAM, WAFv2).</summary>
    Request,

    /// <summary>The call deleted it.</summary>
    Deleted,
}

/// <summary>A resource a management call changed.</summary>
internal sealed record ConfigurationTarget(string ResourceType, string ResourceId, ConfigurationSource Source);
