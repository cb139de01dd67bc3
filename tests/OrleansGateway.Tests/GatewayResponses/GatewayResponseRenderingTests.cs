using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansGateway.Edge.DataPlane.Compilation;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Tests.GatewayResponses;

/// <summary>Unit tests of the compiled table and the writer: resolution order, templates and the custom-message overload.</summary>
public sealed class GatewayResponseRenderingTests
{
    [Fact]
    public async Task The_custom_message_overload_fills_context_error_message_in_a_customised_template()
    {
        var table = Compile("""{"ACCESS_DENIED":{"statusCode":"401","responseTemplates":{"application/json":"{\"why\":$context.error.messageString,\"raw\":\"$context.error.message\"}"}}}""");

        var (status, headers, body) = await WriteAsync(table, GatewayResponseType.AccessDenied, "User: anonymous is not authorized");

        Assert.Equal(401, status);
        Assert.Equal("AccessDeniedException", headers["x-amzn-ErrorType"]);
        Assert.Equal("""{"why":"User: anonymous is not authorized","raw":"User: anonymous is not authorized"}""", body);
    }

    [Fact]
    public async Task Braced_references_stage_variables_a_sentence_ending_dot_and_unknown_variables_render_as_API_Gateway_does()
    {
        var table = Compile("""{"THROTTLED":{"responseTemplates":{"text/plain":"Slow down on ${context.stage}, $stageVariables.team. Cost: $5 $context.nope!"}}}""");

        var (status, headers, body) = await WriteAsync(table, GatewayResponseType.Throttled, null);

        Assert.Equal(429, status);
        Assert.Equal("text/plain", headers.ContentType.ToString());
        Assert.Equal("Slow down on prod, payments. Cost: $5 !", body);
    }

    [Fact]
    public async Task Resolution_prefers_the_exact_type_then_the_class_default_then_the_built_in()
    {
        var table = Compile("""
            {"DEFAULT_4XX":{"statusCode":"400","responseParameters":{"gatewayresponse.header.x-class":"'4xx'"}},
             "QUOTA_EXCEEDED":{"responseParameters":{"gatewayresponse.header.x-exact":"'quota'"}}}
            """);

        var quota = await WriteAsync(table, GatewayResponseType.QuotaExceeded, null);
        var waf = await WriteAsync(table, GatewayResponseType.WafFiltered, null);
        var timeout = await WriteAsync(table, GatewayResponseType.IntegrationTimeout, null);

        Assert.Equal(429, quota.Status);
        Assert.Equal("quota", quota.Headers["x-exact"]);
        Assert.False(quota.Headers.ContainsKey("x-class"));
        Assert.Equal(400, waf.Status);
        Assert.Equal("4xx", waf.Headers["x-class"]);
        Assert.Equal("""{"message":"Forbidden"}""", waf.Body);
        Assert.Equal(504, timeout.Status);
        Assert.Equal("""{"message":"Endpoint request timed out"}""", timeout.Body);
    }

    [Fact]
    public void Every_AWS_type_name_maps_to_a_response_of_the_default_table()
    {
        var mapped = GatewayResponseTable.Default.All.Select(r => GatewayResponseTypeNames.AwsName(r.Type)).OfType<string>().ToHashSet();

        var unmapped = GatewayResponseExtension.ResponseTypes
            .Where(t => t is not GatewayResponseTypeNames.Default4xx and not GatewayResponseTypeNames.Default5xx && !mapped.Contains(t));

        Assert.Empty(unmapped);
    }

    private static GatewayResponseTable Compile(string extension)
    {
        var definition = ApiDefinition.Empty with
        {
            Extensions = new Dictionary<string, string> { [GatewayResponseExtension.Name] = extension },
        };
        var problems = new List<string>();
        var table = GatewayResponseCompiler.Compile(definition, problems.Add);
        Assert.Empty(problems);
        return table;
    }

    private static async Task<(int Status, IHeaderDictionary Headers, string Body)> WriteAsync(
        GatewayResponseTable table, GatewayResponseType type, string? message)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        context.Request.Method = "GET";
        var request = new ExecuteApiRequest("req-1", "ext-1", DateTimeOffset.UnixEpoch)
        {
            Stage = new CompiledStage
            {
                ApiId = "abc123",
                StageName = "prod",
                DeploymentId = "dep1",
                Variables = new Dictionary<string, string> { ["team"] = "payments" }.ToFrozenDictionary(),
                Routes = new RouteTrieBuilder().Build(),
                GatewayResponses = table,
            },
        };
        context.Features.Set(request);

        await context.WriteGatewayResponseAsync(type, message, static (_, _) => { }, 0);

        return (context.Response.StatusCode, context.Response.Headers, Encoding.UTF8.GetString(body.ToArray()));
    }
}
