using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace OrleansGateway.Edge.DataPlane.InputLimits;

/// <summary>
/// Checks that a stream holds exactly one well-formed JSON value (RFC 8259: no comments, no
/// trailing commas), in UTF-8, nested no deeper than a limit. Streams through
/// <see cref="Utf8JsonReader"/> with a pooled buffer: nothing is materialised, and memory grows
/// past the initial 16 KB only for a single token longer than that.
/// </summary>
internal static class JsonWellFormedness
{
    private const int InitialBuffer = 16 * 1024;

    /// <summary>True when <paramref name="body"/> is one well-formed JSON value; reads it to the end.</summary>
    /// <exception cref="BadHttpRequestException">The request body itself could not be read (broken framing, over the size limit).</exception>
    public static async ValueTask<bool> IsWellFormedAsync(Stream body, int maxDepth, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
            var filled = 0;
            var start = true;
            var sawToken = false;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // One token does not fit: grow (the body size limit bounds how far).
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                filled += read;
                var final = read == 0;
                var offset = 0;
                if (start && (filled >= 3 || final))
                {
                    // A UTF-8 byte order mark is tolerated, as System.Text.Json's own parsers do.
                    offset = buffer.AsSpan(0, filled).StartsWith("\uFEFF"u8) ? 3 : 0;
                    start = false;
                }
                else if (start)
                {
                    continue;
                }
                if (!Scan(buffer.AsSpan(offset, filled - offset), final, ref state, ref sawToken, out var consumed))
                {
                    return false;
                }
                if (final)
                {
                    return sawToken;
                }
                var leftover = filled - offset - consumed;
                buffer.AsSpan(offset + consumed, leftover).CopyTo(buffer);
                filled = leftover;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads every complete token of <paramref name="data"/>; false on malformed JSON or invalid UTF-8.</summary>
    private static bool Scan(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, ref bool sawToken, out int consumed)
    {
        var reader = new Utf8JsonReader(data, final, state);
        try
        {
            while (reader.Read())
            {
                sawToken = true;
            }
        }
        catch (JsonException)
        {
            consumed = 0;
            return false;
        }
        consumed = (int)reader.BytesConsumed;
        state = reader.CurrentState;
        // Token boundaries are ASCII, so the consumed bytes never end inside a character. The
        // reader does not check UTF-8 inside strings it is not asked to decode.
        return Utf8.IsValid(data[..consumed]);
    }
}
