using Microsoft.AspNetCore.Http;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Tests.Management;

public sealed class PagingTests
{
    private static readonly string[] Items = ["a", "b", "c", "d", "e"];

    private static PageRequest Request(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return PageRequest.From(context.Request);
    }

    [Fact]
    public void Default_page_is_25_items_without_position_on_the_last_page()
    {
        var page = Paging.Take(Items, i => i, Request(""));

        Assert.Equal(Items, page.Items);
        Assert.Null(page.Position);
        Assert.Equal(25, Request("").Limit);
    }

    [Fact]
    public void Position_resumes_after_the_last_item_returned()
    {
        var first = Paging.Take(Items, i => i, Request("?limit=2"));
        var second = Paging.Take(Items, i => i, Request("?limit=2&position=" + first.Position));
        var third = Paging.Take(Items, i => i, Request("?limit=2&position=" + second.Position));

        Assert.Equal(["a", "b"], first.Items);
        Assert.Equal(["c", "d"], second.Items);
        Assert.Equal(["e"], third.Items);
        Assert.Null(third.Position);
    }

    [Fact]
    public void Ordered_listing_resumes_even_when_the_position_item_was_deleted()
    {
        var first = Paging.Take(Items, i => i, Request("?limit=2"), StringComparer.Ordinal);

        var next = Paging.Take(["a", "c", "d", "e"], i => i, Request("?limit=2&position=" + first.Position), StringComparer.Ordinal);

        Assert.Equal(["c", "d"], next.Items);
    }

    [Fact]
    public void Unordered_listing_rejects_a_position_that_no_longer_exists()
    {
        var first = Paging.Take(Items, i => i, Request("?limit=2"));

        var error = Assert.Throws<ManagementException>(() => Paging.Take(["x", "y"], i => i, Request("?limit=2&position=" + first.Position)));

        Assert.Equal(ManagementErrorType.BadRequest, error.ErrorType);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    [InlineData("?limit=-3")]
    [InlineData("?position=***")]
    public void Out_of_range_limit_or_garbage_position_is_rejected(string query)
    {
        Assert.Equal(ManagementErrorType.BadRequest, Assert.Throws<ManagementException>(() => Request(query)).ErrorType);
    }

    [Fact]
    public void Limit_500_is_accepted()
    {
        Assert.Equal(500, Request("?limit=500").Limit);
    }
}
