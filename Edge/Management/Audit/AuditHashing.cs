using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>The chain's hash: SHA-256 over the previous record's hash and this record's canonical text.</summary>
public static class AuditHashing
{
    /// <summary>Lowercase hex SHA-256 of <c>{previousHash}\n{body}</c>.</summary>
    public static string ChainHash(string previousHash, string body)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(body);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + body)));
    }
}
