using System.Collections.Frozen;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;
using OrleansGateway.Edge.DataPlane.Compilation;
using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.DataPlane.Routing;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Management.Authorizers;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Authorization.Lambda;

/// <summary>
/// TestInvokeAuthorizer for TOKEN and REQUEST authorizers: builds the simulated request, sends the
/// same event the data plane would (stage <c>test-invoke-stage</c>, method GET, as API Gateway's
/// console does), without the result cache, and reports what a caller would have got.
/// </summary>
internal sealed class LambdaAuthorizerTestInvoker(
    AuthorizerFunctionClient functions, IOptions<LambdaAuthorizerOptions> options, IOptions<GatewayOptions> gateway, TimeProvider clock) : IAuthorizerTestInvoker
{
    private const string Stage = "test-invoke-stage";

    private static readonly RouteTrie NoRoutes = new(new RouteNode(FrozenDictionary<string, RouteNode>.Empty, null, null, null));

    public async Task<AuthorizerTestInvocation> InvokeAsync(string restApiId, AuthorizerDefinition authorizer, TestInvokeAuthorizerInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(input);
        if (authorizer.Type is not (AuthorizerDefinition.Token or AuthorizerDefinition.Request))
        {
            throw new NotSupportedException(authorizer.Type);
        }
        var compiled = CompiledLambdaAuthorizer.Compile(authorizer, options.Value);
        if (compiled.Problem is not null)
        {
            return Outcome(500, $"Authorizer configuration error: {compiled.Problem}", 0);
        }

        var context = SimulatedRequest(input);
        var request = new ExecuteApiRequest(Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N")[..16], clock.GetUtcNow())
        {
            Stage = new CompiledStage
            {
                ApiId = restApiId,
                StageName = Stage,
                DeploymentId = "test-invoke",
                Variables = input.StageVariables.ToFrozenDictionary(StringComparer.Ordinal),
                Routes = NoRoutes,
                GatewayResponses = GatewayResponseTable.Default,
            },
        };
        var path = context.Request.Path.Value ?? "/";
        var methodArn = $"arn:aws:execute-api:{gateway.Value.Region}:{gateway.Value.AccountId}:{restApiId}/{Stage}/GET{path}";
        var authorization = new AuthorizationRequest(context, request, authorizer, methodArn);
        var values = LambdaMethodAuthorizer.ReadIdentity(compiled, authorization);
        if (values is null)
        {
            return Outcome(401, "Unauthorized request: the identity source is missing or does not match the validation expression; the function was not called", 0);
        }

        var clockStart = Stopwatch.GetTimestamp();
        var outcome = await functions.CallAsync(compiled, AuthorizerEventWriter.Write(compiled, authorization, values, gateway.Value.AccountId), ct);
        var latency = (long)Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds;
        if (outcome.Result is not { } result)
        {
            return outcome.Refusal == GatewayResponseType.Unauthorized
                ? Outcome(401, "The function answered Unauthorized", latency)
                : Outcome(500, $"Execution failed: {outcome.Why ?? outcome.Refusal.ToString()}", latency);
        }
        int status;
        if (result.IsAuthorized is { } isAuthorized)
        {
            status = isAuthorized ? 200 : 403;
        }
        else
        {
            var effect = PolicyDocument.Parse(result.PolicyJson!)
                .Evaluate(new PolicyRequest("execute-api:Invoke", methodArn, null, null, new RequestConditionValues(context, null, clock.GetUtcNow())));
            status = effect == PolicyEffect.Allow ? 200 : 403;
        }
        var authorizationContext = result.Context.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)[pair.Value], StringComparer.Ordinal);
        return new AuthorizerTestInvocation(status, $"Authorizer returned principal {result.PrincipalId}; status {status}", latency, result.PrincipalId, result.PolicyJson, authorizationContext, null);
    }

    private static AuthorizerTestInvocation Outcome(int status, string log, long latency) => new(status, log, latency, null, null, null, null);

    private static DefaultHttpContext SimulatedRequest(TestInvokeAuthorizerInput input)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        var pathAndQuery = string.IsNullOrEmpty(input.PathWithQueryString) ? "/" : input.PathWithQueryString;
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        context.Request.Path = path.StartsWith('/') ? path : "/" + path;
        if (question >= 0)
        {
            context.Request.QueryString = new QueryString(pathAndQuery[question..]);
        }
        foreach (var (name, values) in input.MultiValueHeaders)
        {
            context.Request.Headers[name] = values.ToArray();
        }
        foreach (var (name, value) in input.Headers)
        {
            context.Request.Headers[name] = value;
        }
        return context;
    }
}
