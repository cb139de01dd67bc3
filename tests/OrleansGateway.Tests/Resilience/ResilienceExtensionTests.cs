using OrleansGateway.Edge.DataPlane.Integrations.Resilience;
using static OrleansGateway.Tests.OpenApi.TestDocuments;

namespace OrleansGateway.Tests.Resilience;

/// <summary><c>x-gateway-resilience</c>: imported from OpenAPI at the root and on operations, resolved field by field, bad values ignored with a problem.</summary>
public sealed class ResilienceExtensionTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public void WithoutTheExtensionTheDefaultsApply()
    {
        var problems = new List<string>();

        var settings = ResilienceExtension.Resolve(None, None, problems.Add);

        Assert.Equal(ResilienceSettings.Default, settings);
        Assert.True(settings.CircuitBreaker.Enabled);
        Assert.Equal(2, settings.Retry.MaxRetries);
        Assert.Empty(problems);
    }

    [Fact]
    public void OperationValuesOverrideTheRootFieldByField()
    {
        var root = new Dictionary<string, string> { [ResilienceExtension.Name] = """{"circuitBreaker":{"minimumThroughput":7,"breakDurationSeconds":5},"retry":{"maxRetries":1}}""" };
        var operation = new Dictionary<string, string> { [ResilienceExtension.Name] = """{"circuitBreaker":{"breakDurationSeconds":9}}""" };

        var settings = ResilienceExtension.Resolve(root, operation, _ => Assert.Fail("no problem expected"));

        Assert.Equal(7, settings.CircuitBreaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(9), settings.CircuitBreaker.BreakDuration);
        Assert.Equal(1, settings.Retry.MaxRetries);
        Assert.Equal(CircuitBreakerSettings.Default.FailureRatio, settings.CircuitBreaker.FailureRatio);
    }

    [Theory]
    [InlineData("""{"circuitBreaker":{"failureRatio":1.5}}""", "failureRatio")]
    [InlineData("""{"circuitBreaker":{"minimumThroughput":1}}""", "minimumThroughput")]
    [InlineData("""{"circuitBreaker":{"breakDurationSeconds":0.1}}""", "breakDurationSeconds")]
    [InlineData("""{"circuitBreaker":{"enabled":"yes"}}""", "enabled")]
    [InlineData("""{"retry":{"maxRetries":50}}""", "maxRetries")]
    [InlineData("""{"retry":{"baseDelayMillis":-1}}""", "baseDelayMillis")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"retry":""", "not a JSON object")]
    public void OutOfRangeValuesAreReportedAndTheDefaultKept(string json, string named)
    {
        var problems = new List<string>();

        var settings = ResilienceExtension.Resolve(new Dictionary<string, string> { [ResilienceExtension.Name] = json }, None, problems.Add);

        Assert.Equal(ResilienceSettings.Default, settings);
        Assert.Contains(problems, problem => problem.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void OpenApiImportKeepsTheExtensionAtTheRootAndOnOperations()
    {
        var operation = HttpIntegration + """, "x-gateway-resilience": {"retry": {"maxRetries": 0}} """;
        var root = """ "x-gateway-resilience": {"circuitBreaker": {"minimumThroughput": 5}} """;

        var result = Import(OneOperation(operation: operation, root: root));

        var method = result.Definition.Resources.Single(r => r.Path == "/items").Methods["GET"];
        var settings = ResilienceExtension.Resolve(result.Definition.Extensions, method.Extensions, _ => Assert.Fail("no problem expected"));
        Assert.Equal(5, settings.CircuitBreaker.MinimumThroughput);
        Assert.Equal(0, settings.Retry.MaxRetries);
    }
}
