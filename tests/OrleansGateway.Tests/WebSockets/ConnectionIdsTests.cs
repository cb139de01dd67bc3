using OrleansGateway.Edge.WebSockets.Connections;

namespace OrleansGateway.Tests.WebSockets;

/// <summary>Connection ids name their owning edge and cannot be guessed.</summary>
public sealed class ConnectionIdsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    [InlineData(65535)]
    public void An_id_carries_the_slot_of_the_edge_that_minted_it(int slot)
    {
        var id = ConnectionIds.New(slot);
        Assert.Equal(ConnectionIds.Length, id.Length);
        Assert.Matches("^[A-Za-z0-9_-]{16}$", id);
        Assert.True(ConnectionIds.TryGetSlot(id, out var decoded));
        Assert.Equal(slot, decoded);
    }

    [Fact]
    public void Ids_minted_by_one_edge_differ()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => ConnectionIds.New(7)).ToHashSet();
        Assert.Equal(10_000, ids.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("L0SM9cOFvHcCIhw=")]
    [InlineData("AAAAAAAAAAAAAAAA")]
    [InlineData("!!!!!!!!!!!!!!!!")]
    [InlineData("AAEAAAAAAAAAAAAAAAAA")]
    public void Strings_that_are_not_ids_of_this_gateway_name_no_edge(string id) =>
        Assert.False(ConnectionIds.TryGetSlot(id, out _));
}
