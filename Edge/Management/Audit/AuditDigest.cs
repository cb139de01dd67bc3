using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>A periodic signed statement "record <see cref="Sequence"/> had hash <see cref="Hash"/> at <see cref="Time"/>".</summary>
/// <param name="Sequence">The record the digest covers (and, through the chain, every record before it).</param>
/// <param name="Hash">That record's hash.</param>
/// <param name="Time">When the digest was written.</param>
/// <param name="Signature">HMAC-SHA256 of <see cref="SignedText"/> under the digest key.</param>
public sealed record AuditDigest(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("signature")] string Signature)
{
    /// <summary>The text the signature covers.</summary>
    [JsonIgnore]
    public string SignedText => SignedTextFor(Sequence, Hash, Time);

    /// <summary>The text a digest's signature covers.</summary>
    public static string SignedTextFor(long sequence, string hash, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"digest|{sequence}|{hash}|{time.ToUnixTimeMilliseconds()}");

    /// <summary>The stored form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads a stored digest; null when it is not one.</summary>
    public static AuditDigest? TryParse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditDigest>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
