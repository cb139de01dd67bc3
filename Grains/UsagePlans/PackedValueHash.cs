using System.Buffers.Binary;

namespace OrleansGateway.Grains.UsagePlans;

/// <summary>
/// An API key's value hash as the usage plan directory holds it for every associated key: the 32
/// bytes of a 64-character lowercase hex hash (<see cref="Interfaces.ApiKeys.ApiKeyValueHash"/>)
/// inline, not a 152-byte string per key, which at a million keys was a million more objects for
/// every full garbage collection of the silo to trace (docs/limits-scale.md). Anything else (the
/// empty hash of keys written by early versions) is kept as the string it was.
/// </summary>
internal readonly struct PackedValueHash
{
    private const int HexLength = 64;

    private readonly ulong _a, _b, _c, _d;
    private readonly string? _unpacked;

    private PackedValueHash(ulong a, ulong b, ulong c, ulong d) => (_a, _b, _c, _d) = (a, b, c, d);

    private PackedValueHash(string unpacked) => _unpacked = unpacked;

    /// <summary>Whether the key has no value hash (written by an early version): its value grain cannot be told anything.</summary>
    public bool IsEmpty => _unpacked is { Length: 0 };

    /// <summary>Packs <paramref name="hash"/>; <see cref="ToString"/> gives it back exactly.</summary>
    public static PackedValueHash From(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        Span<byte> bytes = stackalloc byte[HexLength / 2];
        // Only lowercase hex packs: upper case would come back lowercased, a different grain key.
        if (hash.Length != HexLength || hash.AsSpan().ContainsAnyInRange('A', 'Z')
            || Convert.FromHexString(hash, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != bytes.Length)
        {
            return new PackedValueHash(hash);
        }
        return new PackedValueHash(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>The hash as it was given to <see cref="From"/>.</summary>
    public override string ToString()
    {
        if (_unpacked is not null)
        {
            return _unpacked;
        }
        Span<byte> bytes = stackalloc byte[HexLength / 2];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _a);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], _d);
        return Convert.ToHexStringLower(bytes);
    }
}
