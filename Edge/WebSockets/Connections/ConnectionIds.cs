using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace OrleansGateway.Edge.WebSockets.Connections;

/// <summary>
/// Connection ids: 12 bytes in URL-safe base64 (16 characters, the length of API Gateway's ids).
/// The first two bytes are the owning edge's slot, so any edge routes an @connections call without
/// a lookup; the other ten are random, so ids cannot be guessed.
/// </summary>
internal static class ConnectionIds
{
    private const int ByteLength = 12;

    /// <summary>Length of every id.</summary>
    public const int Length = 16;

    /// <summary>A new id owned by the edge in <paramref name="slot"/>.</summary>
    public static string New(int slot)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)slot));
        RandomNumberGenerator.Fill(bytes[2..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The owning edge's slot; false when <paramref name="connectionId"/> is not an id this gateway minted.</summary>
    public static bool TryGetSlot(ReadOnlySpan<char> connectionId, out int slot)
    {
        slot = 0;
        Span<byte> bytes = stackalloc byte[ByteLength];
        // IsValid first: TryDecodeFromChars throws (not returns false) on characters outside the alphabet.
        if (connectionId.Length != Length || !Base64Url.IsValid(connectionId) || !Base64Url.TryDecodeFromChars(connectionId, bytes, out var written) || written != ByteLength)
        {
            return false;
        }
        slot = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        return slot > 0;
    }
}
