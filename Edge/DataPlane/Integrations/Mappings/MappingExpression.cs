using Microsoft.Extensions.Primitives;
using OrleansGateway.Edge.DataPlane.Pipeline;
using OrleansGateway.Edge.DataPlane.Routing;

namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>
/// The value side of a mapping, compiled with the stage: one source (REST's
/// <c>method.request.header.x</c>, HTTP API's <c>$request.header.x</c>), static text, or an HTTP API
/// template mixing text and <c>${...}</c> references such as <c>Bearer ${request.header.token}</c>.
/// </summary>
internal sealed class MappingExpression
{
    private readonly ParameterSource? _single;
    private readonly Part[] _parts;
    private readonly bool _joinValues;

    private MappingExpression(ParameterSource? single, Part[] parts, bool joinValues)
    {
        _single = single;
        _parts = parts;
        _joinValues = joinValues;
        ReadsResponseBody = single?.ReadsResponseBody == true || parts.Any(p => p.Source?.ReadsResponseBody == true);
        ReadsResponse = single?.ReadsResponse == true || parts.Any(p => p.Source?.ReadsResponse == true);
        if (single is null && parts.All(p => p.Source is null || p.Source.StaticValue is not null))
        {
            // Text and stage variables only: the value is decided when the stage is compiled.
            StaticText = string.Concat(parts.Select(p => p.Source?.StaticValue ?? p.Literal));
        }
        else
        {
            StaticText = single?.StaticValue;
        }
    }

    /// <summary>The value when it is the same for every request; otherwise null.</summary>
    public string? StaticText { get; }

    /// <summary>True when reading needs the backend's body.</summary>
    public bool ReadsResponseBody { get; }

    /// <summary>True when reading needs the backend's response.</summary>
    public bool ReadsResponse { get; }

    /// <summary>A REST source expression (<see cref="ParameterSource.Parse"/>); null when unsupported.</summary>
    public static MappingExpression? ParseRequest(string expression, CompiledResource resource, IReadOnlyDictionary<string, string> stageVariables) =>
        ParameterSource.Parse(expression, resource, stageVariables) is { } source ? new(source, [], joinValues: false) : null;

    /// <summary>A REST response source expression (<see cref="ParameterSource.ParseResponse"/>); null when unsupported.</summary>
    public static MappingExpression? ParseResponse(string expression, IReadOnlyDictionary<string, string> stageVariables) =>
        ParameterSource.ParseResponse(expression, stageVariables) is { } source ? new(source, [], joinValues: false) : null;

    /// <summary>
    /// An HTTP API value: <c>$reference</c>, text with <c>${reference}</c>s, or static text. Null
    /// when a reference is not supported (<paramref name="problem"/> says which).
    /// </summary>
    public static MappingExpression? ParseHttpApi(string expression, CompiledResource? resource, IReadOnlyDictionary<string, string> stageVariables, out string? problem)
    {
        problem = null;
        if (expression.Length > 1 && expression[0] == '$' && expression[1] != '{')
        {
            var single = ParameterSource.ParseReference(expression[1..], resource, stageVariables);
            if (single is null)
            {
                problem = $"'{expression}' is not a supported mapping value";
                return null;
            }
            return new(single, [], joinValues: true);
        }
        var parts = new List<Part>();
        var position = 0;
        while (position < expression.Length)
        {
            var open = expression.IndexOf("${", position, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }
            var close = expression.IndexOf('}', open + 2);
            if (close < 0)
            {
                problem = $"'{expression}' has an unclosed '${{'";
                return null;
            }
            if (open > position)
            {
                parts.Add(new Part(expression[position..open], null));
            }
            var reference = expression[(open + 2)..close];
            var source = ParameterSource.ParseReference(reference, resource, stageVariables);
            if (source is null)
            {
                problem = $"'${{{reference}}}' is not a supported mapping value";
                return null;
            }
            parts.Add(new Part(string.Empty, source));
            position = close + 1;
        }
        if (position < expression.Length)
        {
            parts.Add(new Part(expression[position..], null));
        }
        return new(null, [.. parts], joinValues: true);
    }

    /// <summary>
    /// The value(s) for this request. REST sources keep their values apart (multi-value sources
    /// give several); HTTP API values are one string, repeated values joined with commas as API
    /// Gateway does. Empty when a single source is absent.
    /// </summary>
    public StringValues Read(HttpContext context, ExecuteApiRequest request, BackendResponseView? response = null)
    {
        if (StaticText is not null)
        {
            return StaticText;
        }
        if (_single is not null)
        {
            var values = _single.Read(context, request, response);
            return _joinValues && values.Count > 1 ? string.Join(',', values.ToArray()) : values;
        }
        // A template: absent references contribute nothing, the text around them stays.
        var builder = new System.Text.StringBuilder();
        foreach (var part in _parts)
        {
            if (part.Source is null)
            {
                builder.Append(part.Literal);
            }
            else
            {
                var values = part.Source.Read(context, request, response);
                builder.Append(values.Count > 1 ? string.Join(',', values.ToArray()) : values.ToString());
            }
        }
        return builder.ToString();
    }

    private readonly record struct Part(string Literal, ParameterSource? Source);
}
