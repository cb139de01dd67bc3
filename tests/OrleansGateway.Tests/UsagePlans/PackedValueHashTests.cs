using System.Security.Cryptography;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.UsagePlans;

namespace OrleansGateway.Tests.UsagePlans;

public sealed class PackedValueHashTests
{
    [Fact]
    public void Real_value_hashes_come_back_exactly()
    {
        var hasher = new ApiKeyValueHash(RandomNumberGenerator.GetBytes(32));
        for (var i = 0; i < 1000; i++)
        {
            var hash = hasher.Compute($"imported-key-value-{i:D8}");
            Assert.Equal(hash, PackedValueHash.From(hash).ToString());
            Assert.False(PackedValueHash.From(hash).IsEmpty);
        }
    }

    [Fact]
    public void The_empty_hash_of_early_versions_stays_empty()
    {
        var packed = PackedValueHash.From(string.Empty);
        Assert.True(packed.IsEmpty);
        Assert.Equal(string.Empty, packed.ToString());
    }

    [Theory]
    [InlineData("00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff")]
    [InlineData("00112233445566778899aabbccddeeff00112233445566778899aabbccddeef")]
    [InlineData("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0")]
    [InlineData("zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")]
    public void A_hash_that_is_not_64_lowercase_hex_characters_is_kept_as_it_was(string hash)
    {
        var packed = PackedValueHash.From(hash);
        Assert.Equal(hash, packed.ToString());
        Assert.False(packed.IsEmpty);
    }
}
