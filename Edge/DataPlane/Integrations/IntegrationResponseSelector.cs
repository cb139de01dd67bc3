using System.Globalization;
using System.Text.RegularExpressions;
using OrleansGateway.Edge.DataPlane.Integrations.Mappings;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// An integration's responses compiled for selection: the first response whose selection pattern
/// fully matches the backend status wins, else <c>default</c>. Patterns are compiled with the
/// stage; a request formats its status on the stack and runs one match per candidate.
/// </summary>
internal sealed class IntegrationResponseSelector
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    private readonly CompiledIntegrationResponse[] _patterned;
    private readonly CompiledIntegrationResponse? _default;

    private IntegrationResponseSelector(CompiledIntegrationResponse[] patterned, CompiledIntegrationResponse? defaultResponse)
    {
        _patterned = patterned;
        _default = defaultResponse;
    }

    /// <summary>A selector with no responses: every selection fails.</summary>
    public static IntegrationResponseSelector None { get; } = new([], null);

    /// <summary>
    /// Compiles <paramref name="responses"/>. Responses with a status code that is not a number or
    /// a pattern that is not a valid regex are reported through <paramref name="rejected"/> and left out;
    /// header mappings with an unsupported source through <paramref name="problem"/>.
    /// </summary>
    public static IntegrationResponseSelector Compile(
        IReadOnlyList<IntegrationResponseDefinition> responses,
        Action<string> rejected,
        IReadOnlyDictionary<string, string>? stageVariables = null,
        Action<string>? problem = null)
    {
        stageVariables ??= System.Collections.Frozen.FrozenDictionary<string, string>.Empty;
        var patterned = new List<CompiledIntegrationResponse>();
        CompiledIntegrationResponse? defaultResponse = null;
        foreach (var response in responses)
        {
            if (!int.TryParse(response.StatusCode, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status is < 100 or > 599)
            {
                rejected(response.SelectionPattern);
                continue;
            }
            var isDefault = string.IsNullOrEmpty(response.SelectionPattern) || response.SelectionPattern == "default";
            Regex? pattern = null;
            if (!isDefault)
            {
                try
                {
                    pattern = new Regex("^(?:" + response.SelectionPattern + ")$", RegexOptions.CultureInvariant, MatchTimeout);
                }
                catch (ArgumentException)
                {
                    rejected(response.SelectionPattern);
                    continue;
                }
            }
            var compiled = new CompiledIntegrationResponse(pattern, status, CompileHeaders(response.ResponseParameters, stageVariables, problem), response.ResponseTemplates);
            if (isDefault)
            {
                defaultResponse ??= compiled;
            }
            else
            {
                patterned.Add(compiled);
            }
        }
        return new IntegrationResponseSelector([.. patterned], defaultResponse);
    }

    /// <summary>The response selected by <paramref name="backendStatus"/>, or null when none matches and there is no default.</summary>
    public CompiledIntegrationResponse? Select(int backendStatus)
    {
        Span<char> status = stackalloc char[11];
        backendStatus.TryFormat(status, out var written, provider: CultureInfo.InvariantCulture);
        foreach (var response in _patterned)
        {
            try
            {
                if (response.Pattern!.IsMatch(status[..written]))
                {
                    return response;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern too costly for a three-digit status selects nothing.
            }
        }
        return _default;
    }

    private static ResponseHeaderMapping[] CompileHeaders(
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string> stageVariables,
        Action<string>? problem)
    {
        const string Target = "method.response.header.";
        var headers = new List<ResponseHeaderMapping>();
        foreach (var (target, source) in parameters)
        {
            if (!target.StartsWith(Target, StringComparison.Ordinal) || target.Length == Target.Length)
            {
                problem?.Invoke($"response parameter target '{target}' is not supported and ignored");
                continue;
            }
            if (MappingExpression.ParseResponse(source, stageVariables) is not { } value)
            {
                problem?.Invoke($"response parameter source '{source}' is not supported and ignored");
                continue;
            }
            var name = target[Target.Length..];
            if (MappingRules.IsFramingHeader(name))
            {
                // The gateway frames the caller's response itself; a mapped length could contradict the body.
                problem?.Invoke($"response parameter '{target}' sets a framing header and is ignored");
                continue;
            }
            headers.Add(new ResponseHeaderMapping(name, value));
        }
        return [.. headers];
    }
}

/// <summary>One compiled integration response.</summary>
/// <param name="Pattern">Full-match pattern over the backend status; null for <c>default</c>.</param>
/// <param name="StatusCode">The status sent to the caller.</param>
/// <param name="Headers">Response header mappings.</param>
/// <param name="Templates">Content type → body template (used verbatim by MOCK).</param>
internal sealed record CompiledIntegrationResponse(
    Regex? Pattern,
    int StatusCode,
    ResponseHeaderMapping[] Headers,
    IReadOnlyDictionary<string, string> Templates)
{
    /// <summary>True when a header mapping reads the backend's body (it is buffered first).</summary>
    public bool ReadsResponseBody { get; } = Headers.Any(header => header.Value.ReadsResponseBody);
}

/// <summary><c>method.response.header.Name</c> ← a static value, a backend header or body value, a context or stage variable.</summary>
internal sealed record ResponseHeaderMapping(string Name, MappingExpression Value)
{
    /// <summary>The value when it is constant (MOCK responses use only these); otherwise null.</summary>
    public string? StaticValue => Value.StaticText;
}
