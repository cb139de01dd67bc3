using OrleansGateway.Edge.WebSockets.Frames;

namespace OrleansGateway.Tests.WebSockets;

/// <summary>The frame boundaries the 32 KB frame limit relies on, for every length encoding and however the bytes are split.</summary>
public sealed class ClientFrameScannerTests
{
    /// <summary>A masked client frame (FIN set) with <paramref name="payloadLength"/> payload bytes.</summary>
    private static byte[] Frame(int opcode, long payloadLength, bool fin = true)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        if (payloadLength < 126)
        {
            header.Add((byte)(0x80 | payloadLength));
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            header.Add(0x80 | 126);
            header.Add((byte)(payloadLength >> 8));
            header.Add((byte)payloadLength);
        }
        else
        {
            header.Add(0x80 | 127);
            for (var shift = 56; shift >= 0; shift -= 8)
            {
                header.Add((byte)(payloadLength >> shift));
            }
        }
        header.AddRange([1, 2, 3, 4]);
        return [.. header, .. new byte[payloadLength]];
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(32 * 1024)]
    public void Frames_up_to_the_limit_pass_whole(int length)
    {
        var scanner = new ClientFrameScanner(32 * 1024);
        var data = Frame(1, length);
        Assert.Equal(data.Length, scanner.Scan(data));
        Assert.False(scanner.Refused);
    }

    [Theory]
    [InlineData(32 * 1024 + 1)]
    [InlineData(70_000)]
    public void A_frame_over_the_limit_is_refused_at_its_header_and_earlier_frames_still_pass(int length)
    {
        var scanner = new ClientFrameScanner(32 * 1024);
        var first = Frame(1, 100);
        byte[] data = [.. first, .. Frame(1, length)];
        Assert.Equal(first.Length, scanner.Scan(data));
        Assert.True(scanner.Refused);
    }

    [Fact]
    public void Headers_and_payloads_split_across_reads_are_followed_byte_by_byte()
    {
        var scanner = new ClientFrameScanner(1000);
        byte[] data = [.. Frame(1, 500, fin: false), .. Frame(0, 600), .. Frame(1, 1001)];
        var passed = 0;
        foreach (var b in data)
        {
            passed += scanner.Scan([b]);
            if (scanner.Refused)
            {
                break;
            }
        }
        Assert.True(scanner.Refused);
        // Both frames passed whole; of the refused frame's 8-byte header, the 7 read before its length was known passed too.
        Assert.Equal(data.Length - 1001 - 1, passed);
    }

    [Fact]
    public void After_a_refusal_the_clients_close_frame_is_still_found()
    {
        var scanner = new ClientFrameScanner(100);
        scanner.Scan(Frame(1, 5000)[..50]);
        Assert.True(scanner.Refused);
        Assert.False(scanner.CloseReceived);
        scanner.Scan(Frame(1, 5000)[50..]);
        Assert.False(scanner.CloseReceived);
        scanner.Scan(Frame(8, 2));
        Assert.True(scanner.CloseReceived);
    }

    [Fact]
    public void A_64_bit_length_with_the_top_bit_set_is_refused()
    {
        var scanner = new ClientFrameScanner(32 * 1024);
        byte[] header = [0x81, 0x80 | 127, 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4];
        Assert.Equal(0, scanner.Scan(header));
        Assert.True(scanner.Refused);
    }
}
