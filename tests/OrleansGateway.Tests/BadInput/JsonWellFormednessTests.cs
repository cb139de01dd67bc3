using System.Text;
using OrleansGateway.Edge.DataPlane.InputLimits;

namespace OrleansGateway.Tests.BadInput;

/// <summary>The streaming JSON check on its own: what it accepts and refuses, across read boundaries.</summary>
public sealed class JsonWellFormednessTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("  [1, 2.5e3, -0, true, false, null, \"x\"]\r\n")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("{\"a\": {\"b\": [\"\\u00e9\\ud83d\\ude00\"]}}")]
    [InlineData("\uFEFF{\"bom\": true}")]
    public async Task One_well_formed_value_is_accepted(string json)
    {
        Assert.True(await CheckAsync(Encoding.UTF8.GetBytes(json), 64));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\": }")]
    [InlineData("[1, 2,]")]
    [InlineData("{} []")]
    [InlineData("// comment\n{}")]
    [InlineData("NaN")]
    [InlineData("\"unterminated")]
    [InlineData("\"bad escape \\x\"")]
    [InlineData("[\"raw\ttab\"]")]
    public async Task Anything_but_one_well_formed_value_is_refused(string json)
    {
        Assert.False(await CheckAsync(Encoding.UTF8.GetBytes(json), 64));
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })] // lead byte without its continuation
    [InlineData(new byte[] { 0x80 })] // lone continuation byte
    [InlineData(new byte[] { 0xC0, 0xAF })] // overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // UTF-16 surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    [InlineData(new byte[] { 0xE9 })] // Latin-1 é
    public async Task Invalid_UTF_8_inside_a_string_is_refused(byte[] bad)
    {
        Assert.False(await CheckAsync([.. "[\"a"u8, .. bad, .. "b\"]"u8], 64));
    }

    [Fact]
    public async Task Depth_is_refused_one_level_past_the_limit_and_accepted_at_it()
    {
        Assert.True(await CheckAsync(Encoding.UTF8.GetBytes(new string('[', 10) + new string(']', 10)), 10));
        Assert.False(await CheckAsync(Encoding.UTF8.GetBytes(new string('[', 11) + new string(']', 11)), 10));
    }

    [Fact]
    public async Task A_token_longer_than_the_read_buffer_and_characters_split_across_reads_are_handled()
    {
        var text = string.Concat(Enumerable.Repeat("ü😀", 30_000));
        var json = Encoding.UTF8.GetBytes($"{{\"long\": \"{text}\", \"n\": 1}}");

        Assert.True(await CheckAsync(json, 64, readSize: 7));
        Assert.False(await CheckAsync([.. json[..^1], 0xFF], 64, readSize: 7));
    }

    private static async Task<bool> CheckAsync(byte[] body, int maxDepth, int readSize = 4096) =>
        await JsonWellFormedness.IsWellFormedAsync(new TrickleStream(body, readSize), maxDepth, CancellationToken.None);

    /// <summary>Returns at most <c>readSize</c> bytes per read, as a network body does.</summary>
    private sealed class TrickleStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
