using Microsoft.AspNetCore.Http;
using OrleansGateway.Edge.DataPlane.AccessLogs;
using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Tests.AccessLogs;

/// <summary>Rendering a compiled format for one request (no server: a DefaultHttpContext).</summary>
public sealed class AccessLogFormatTests
{
    private static (DefaultHttpContext Context, ExecuteApiRequest Request) NewRequest(string userAgent)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Host = new HostString("abc123.execute-api.localhost");
        context.Request.Path = "/prod/pets";
        context.Request.Headers.UserAgent = userAgent;
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("::ffff:10.1.2.3");
        var request = RequestIdentity.Create(TimeProvider.System);
        request.Authorizer = new AuthorizerPrincipal
        {
            PrincipalId = "p-1",
            Claims = new Dictionary<string, string> { ["sub"] = "user-42", ["cognito:username"] = "ann" },
        };
        return (context, request);
    }

    [Fact]
    public void Values_render_with_missing_ones_as_a_dash_and_control_characters_as_spaces()
    {
        var format = AccessLogFormat.Parse("$context.identity.sourceIp|$context.domainPrefix|$context.path|$context.identity.userAgent|$context.authorizer.claims.sub|$context.authorizer.claims.cognito:username|$context.authorizer.missing|$context.xrayTraceId|$context.status\n$context.requestId");
        var (context, request) = NewRequest("evil\nline");

        var line = format.Render(new AccessLogFacts(context, request, 201, 12, 3, "000000000000"));

        Assert.Equal($"10.1.2.3|abc123|/prod/pets|evil line|user-42|ann|-|-|201 {request.RequestId}", line);
    }

    [Fact]
    public void The_request_time_is_written_as_API_Gateway_writes_it()
    {
        var format = AccessLogFormat.Parse("$context.requestTime $context.requestTimeEpoch");
        var (context, request) = NewRequest("ua");

        var parts = format.Render(new AccessLogFacts(context, request, 200, 0, 0, "000000000000")).Split(' ', 3);

        Assert.Equal(request.RequestTime.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), parts[0]);
        Assert.Equal("+0000", parts[1]);
        Assert.Equal(request.RequestTime.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), parts[2]);
    }
}
