using System.Globalization;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>
/// Compiles an API's customised gateway responses into the stage's <see cref="GatewayResponseTable"/>,
/// resolving API Gateway's order once: the type's own customisation, else DEFAULT_4XX / DEFAULT_5XX
/// by the class of the type's default status, else the built-in response.
/// </summary>
internal static class GatewayResponseCompiler
{
    /// <summary>The table for <paramref name="definition"/>; <see cref="GatewayResponseTable.Default"/> when nothing is customised.</summary>
    /// <param name="definition">The deployed definition.</param>
    /// <param name="problem">Told about customisations that cannot be served (they are left out).</param>
    public static GatewayResponseTable Compile(ApiDefinition definition, Action<string> problem)
    {
        IReadOnlyDictionary<string, GatewayResponseDefinition> customised;
        try
        {
            customised = GatewayResponseExtension.Read(definition);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            problem($"gateway responses are not served: {e.Message}");
            return GatewayResponseTable.Default;
        }
        if (customised.Count == 0)
        {
            return GatewayResponseTable.Default;
        }
        var compiled = new Dictionary<string, CompiledParts>(StringComparer.Ordinal);
        foreach (var (name, response) in customised)
        {
            compiled[name] = CompileParts(response, problem);
        }
        return new GatewayResponseTable(GatewayResponseTable.Default.All.Select(builtin => Resolve(builtin, compiled)));
    }

    private static GatewayResponse Resolve(GatewayResponse builtin, Dictionary<string, CompiledParts> compiled)
    {
        var name = GatewayResponseTypeNames.AwsName(builtin.Type);
        if ((name is null || !compiled.TryGetValue(name, out var parts))
            && !compiled.TryGetValue(GatewayResponseTypeNames.DefaultFor(builtin.StatusCode), out parts))
        {
            return builtin;
        }
        return builtin with
        {
            StatusCode = parts.StatusCode ?? builtin.StatusCode,
            Headers = parts.Headers,
            Templates = parts.Templates,
        };
    }

    private static CompiledParts CompileParts(GatewayResponseDefinition response, Action<string> problem)
    {
        int? status = response.StatusCode is { } text
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599
            ? code
            : null;
        var headers = new List<(string, GatewayResponseValue)>();
        foreach (var (key, expression) in response.ResponseParameters)
        {
            const string Prefix = "gatewayresponse.header.";
            var value = GatewayResponseValue.TryParse(expression);
            if (!key.StartsWith(Prefix, StringComparison.Ordinal) || !IsToken(key.AsSpan(Prefix.Length)) || value is null)
            {
                problem($"{response.ResponseType}: mapping {key} = {expression} is not supported and is left out");
                continue;
            }
            headers.Add((key[Prefix.Length..], value));
        }
        var templates = response.ResponseTemplates
            .Select(pair => GatewayResponseTemplate.Parse(pair.Key, pair.Value))
            .ToArray();
        return new CompiledParts(status, headers, templates);
    }

    /// <summary>An HTTP header name (RFC 9110 token): anything else would fail when the response is written.</summary>
    private static bool IsToken(ReadOnlySpan<char> name) =>
        !name.IsEmpty && !name.ContainsAnyExcept(TokenChars);

    private static readonly System.Buffers.SearchValues<char> TokenChars = System.Buffers.SearchValues.Create(
        "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private sealed record CompiledParts(
        int? StatusCode, IReadOnlyList<(string Name, GatewayResponseValue Value)> Headers, IReadOnlyList<GatewayResponseTemplate> Templates);
}
