using System.Security.Cryptography;

namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>Random lowercase alphanumeric ids in API Gateway's style (API ids, deployment ids).</summary>
public static class IdGenerator
{
    /// <summary>A random id of <paramref name="length"/> characters from <c>[a-z0-9]</c>.</summary>
    public static string Next(int length) => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", length);
}
