using System.Text;
using OrleansGateway.Edge.WebSockets.Routing;

namespace OrleansGateway.Tests.WebSockets;

/// <summary>Route selection: which key a message selects under <c>$request.body.*</c> expressions.</summary>
public sealed class RouteSelectionExpressionTests
{
    [Theory]
    [InlineData("$request.body.action", """{"action":"send","text":"hi"}""", "send")]
    [InlineData("${request.body.action}", """{"action":"send"}""", "send")]
    [InlineData("$request.body.meta.kind", """{"before":{"kind":"no"},"meta":{"x":[1,2,{"kind":"deep"}],"kind":"chat"}}""", "chat")]
    [InlineData("$request.body.action", """{"action":42}""", "42")]
    [InlineData("$request.body.action", """{"action":true}""", "true")]
    public void A_message_selects_the_value_at_the_expression_path(string expression, string message, string expected)
    {
        Assert.True(RouteSelectionExpression.TryParse(expression, out var compiled));
        Assert.Equal(expected, compiled!.Select(Encoding.UTF8.GetBytes(message), maxDepth: 64));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"other":"x"}""")]
    [InlineData("""{"action":{"nested":"object"}}""")]
    [InlineData("""{"action":null}""")]
    [InlineData("""{"action":"unterminated""")]
    public void A_message_without_a_usable_value_selects_nothing_so_it_goes_to_default(string message)
    {
        Assert.True(RouteSelectionExpression.TryParse("$request.body.action", out var compiled));
        Assert.Null(compiled!.Select(Encoding.UTF8.GetBytes(message), maxDepth: 64));
    }

    [Fact]
    public void A_message_nested_deeper_than_the_bound_selects_nothing()
    {
        Assert.True(RouteSelectionExpression.TryParse("$request.body.action", out var compiled));
        var deep = "{\"pad\":" + new string('[', 200) + new string(']', 200) + ",\"action\":\"x\"}";
        Assert.Null(compiled!.Select(Encoding.UTF8.GetBytes(deep), maxDepth: 64));
    }

    [Theory]
    [InlineData("action")]
    [InlineData("$request.header.action")]
    [InlineData("$request.body.")]
    [InlineData("$request.body.a..b")]
    [InlineData(null)]
    public void Expressions_that_are_not_body_paths_are_refused(string? expression) =>
        Assert.False(RouteSelectionExpression.TryParse(expression, out _));
}
