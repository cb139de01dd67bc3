using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Tests.Management;

public sealed class ManagementErrorFilterTests
{
    private static async Task<(HttpContext Context, string Body)> RunAsync(Exception exception)
    {
        var filter = new ManagementErrorFilter(NullLogger<ManagementErrorFilter>.Instance);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        var result = await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(context), _ => throw exception);
        await ((IResult)result!).ExecuteAsync(context);
        return (context, Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public async Task Unexpected_exception_is_a_bare_500_without_details()
    {
        var (context, body) = await RunAsync(new InvalidOperationException("secret connection string in here"));

        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("""{"message":"Internal server error"}""", body);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.True(context.Response.Headers.ContainsKey("x-amzn-RequestId"));
    }

    [Theory]
    [InlineData(ManagementErrorType.BadRequest, 400, "BadRequestException")]
    [InlineData(ManagementErrorType.NotFound, 404, "NotFoundException")]
    [InlineData(ManagementErrorType.Conflict, 409, "ConflictException")]
    [InlineData(ManagementErrorType.TooManyRequests, 429, "TooManyRequestsException")]
    [InlineData(ManagementErrorType.LimitExceeded, 429, "LimitExceededException")]
    [InlineData(ManagementErrorType.Unauthorized, 401, "UnauthorizedException")]
    [InlineData(ManagementErrorType.Validation, 400, "ValidationException")]
    public async Task Management_exceptions_map_to_api_gateways_status_and_error_name(ManagementErrorType type, int status, string name)
    {
        var (context, body) = await RunAsync(new ManagementException(type, "why"));

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(name, context.Response.Headers["x-amzn-ErrorType"].ToString());
        Assert.Equal("""{"message":"why"}""", body);
    }

    [Fact]
    public async Task Kestrel_body_limit_is_413()
    {
        var (context, _) = await RunAsync(new BadHttpRequestException("too big", StatusCodes.Status413PayloadTooLarge));

        Assert.Equal(413, context.Response.StatusCode);
        Assert.Equal("PayloadTooLargeException", context.Response.Headers["x-amzn-ErrorType"].ToString());
    }
}
