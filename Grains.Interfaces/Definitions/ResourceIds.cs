using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// Resource ids are derived from the API id and the resource path, so a resource keeps its id
/// across re-imports and every silo and edge computes the same id without storing it.
/// </summary>
public static class ResourceIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A 6-character id like API Gateway's resource ids.</summary>
    public static string For(string apiId, string path)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiId + "\n" + path), hash);
        Span<char> id = stackalloc char[6];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = Alphabet[hash[i] % Alphabet.Length];
        }
        return new string(id);
    }
}
