using System.Buffers;
using System.Globalization;
using System.Text;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// SigV4's URI encoding: every byte except RFC 3986 unreserved characters (<c>A-Z a-z 0-9 - _ . ~</c>)
/// becomes <c>%XX</c> with upper-case hex; text is encoded as UTF-8.
/// </summary>
internal static class SigV4UriEncoding
{
    public static void AppendEncoded(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Encodes <paramref name="text"/> as is, so a <c>%</c> already in it becomes <c>%25</c>.</summary>
    public static void AppendEncoded(StringBuilder builder, string text) =>
        AppendEncoded(builder, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Decodes <c>%XX</c> escapes to bytes; other characters become their UTF-8 bytes and a <c>%</c>
    /// not followed by two hex digits stays literal. <c>+</c> is not a space: SigV4 signers encode
    /// spaces as <c>%20</c>, and a literal <c>+</c> was signed as <c>%2B</c>.
    /// </summary>
    public static byte[] PercentDecode(ReadOnlySpan<char> text)
    {
        var decoded = new ArrayBufferWriter<byte>(Math.Max(text.Length, 1));
        var literalStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length &&
                byte.TryParse(text.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var escaped))
            {
                Encoding.UTF8.GetBytes(text[literalStart..i], decoded);
                decoded.Write([escaped]);
                i += 2;
                literalStart = i + 1;
            }
        }

        Encoding.UTF8.GetBytes(text[literalStart..], decoded);
        return decoded.WrittenSpan.ToArray();
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
