namespace OrleansGateway.Edge.WebSockets.Frames;

/// <summary>
/// Follows the frame boundaries of what a client sends (RFC 6455 §5.2: FIN/opcode, mask bit, 7/16/64-bit
/// payload length, masking key, payload) as the bytes pass through, without copying or unmasking them.
/// .NET's <see cref="System.Net.WebSockets.WebSocket"/> hides frame boundaries, so this is how a frame
/// larger than API Gateway's frame limit is seen before its payload is read.
/// </summary>
internal sealed class ClientFrameScanner(long maxPayloadBytes)
{
    private const byte CloseOpcode = 0x8;

    private readonly byte[] _header = new byte[14];
    private int _headerLength;
    private long _payloadLeft;
    private bool _inPayload;
    private bool _enforcing = true;

    /// <summary>True once a frame over the limit was seen; from then on frames are only followed (to find the client's close).</summary>
    public bool Refused => !_enforcing;

    /// <summary>True once a complete close frame from the client has passed.</summary>
    public bool CloseReceived { get; private set; }

    /// <summary>
    /// Scans the next bytes of the stream. Returns how many of them precede the header of the first
    /// frame over the limit (all of them when none is); frames after that one are followed, not judged.
    /// </summary>
    public int Scan(ReadOnlySpan<byte> data)
    {
        var accepted = data.Length;
        var i = 0;
        while (i < data.Length)
        {
            if (_inPayload)
            {
                var skip = (int)Math.Min(_payloadLeft, data.Length - i);
                i += skip;
                _payloadLeft -= skip;
                if (_payloadLeft == 0)
                {
                    EndFrame();
                }
                continue;
            }
            _header[_headerLength++] = data[i++];
            if (_headerLength < 2 || _headerLength < HeaderLength())
            {
                continue;
            }
            var payload = PayloadLength();
            if (_enforcing && (payload < 0 || payload > maxPayloadBytes))
            {
                _enforcing = false;
                // The refused frame's header started in this chunk (or in an earlier one: then nothing here is passed on).
                accepted = Math.Max(0, i - _headerLength);
            }
            _payloadLeft = payload < 0 ? long.MaxValue : payload;
            _inPayload = true;
            if (_payloadLeft == 0)
            {
                EndFrame();
            }
        }
        return accepted;
    }

    private void EndFrame()
    {
        if ((_header[0] & 0x0F) == CloseOpcode)
        {
            CloseReceived = true;
        }
        _inPayload = false;
        _headerLength = 0;
    }

    /// <summary>2 bytes, then 2 or 8 of extended length, then 4 of masking key when the mask bit is set.</summary>
    private int HeaderLength()
    {
        var length7 = _header[1] & 0x7F;
        var extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + ((_header[1] & 0x80) != 0 ? 4 : 0);
    }

    /// <summary>The payload length; -1 when a 64-bit length has its top bit set (invalid, hence refused).</summary>
    private long PayloadLength()
    {
        var length7 = _header[1] & 0x7F;
        if (length7 < 126)
        {
            return length7;
        }
        if (length7 == 126)
        {
            return (_header[2] << 8) | _header[3];
        }
        var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2, 8));
        return length > long.MaxValue ? -1 : (long)length;
    }
}
