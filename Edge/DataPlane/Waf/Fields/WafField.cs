using OrleansGateway.Edge.DataPlane.Waf.Inspection;

namespace OrleansGateway.Edge.DataPlane.Waf.Fields;

/// <summary>
/// A compiled <c>FieldToMatch</c>: which part of the request, and for the multi-valued ones which
/// names and whether keys or values. <see cref="Key"/> identifies it for sharing transformed
/// values between rules.
/// </summary>
internal sealed record WafField(
    FieldKind Kind,
    string? Name,
    MatchScope Scope,
    IReadOnlySet<string>? IncludedNames,
    IReadOnlySet<string>? ExcludedNames,
    OversizeHandling Oversize,
    OversizeHandling? InvalidJson)
{
    /// <summary>A stable text for this field (kind, name, filters), the cache key with the transformation chain.</summary>
    public string Key { get; } = string.Join('|', Kind, Name, Scope,
        IncludedNames is null ? string.Empty : string.Join(',', IncludedNames.Order(StringComparer.Ordinal)),
        ExcludedNames is null ? string.Empty : string.Join(',', ExcludedNames.Order(StringComparer.Ordinal)), Oversize, InvalidJson);

    public static WafField Simple(FieldKind kind, string? name = null) =>
        new(kind, name, MatchScope.Value, null, null, OversizeHandling.Continue, null);

    /// <summary>
    /// The verdict forced by oversize handling or invalid JSON (null: inspect the values). Decided
    /// before any value is extracted so an oversize MATCH costs nothing.
    /// </summary>
    public bool? ForcedVerdict(WafRequest request)
    {
        if (Kind is FieldKind.Body or FieldKind.JsonBody or FieldKind.BodyValues && request.BodyOversize && Oversize != OversizeHandling.Continue)
        {
            return Oversize == OversizeHandling.Match;
        }
        if (Kind == FieldKind.JsonBody && InvalidJson is { } fallback && fallback != OversizeHandling.Continue && !request.JsonBody.IsValid)
        {
            return fallback == OversizeHandling.Match;
        }
        return null;
    }

    /// <summary>Adds this field's raw (untransformed) values in <paramref name="request"/> to <paramref name="values"/>.</summary>
    public void Extract(WafRequest request, List<string> values)
    {
        switch (Kind)
        {
            case FieldKind.UriPath:
                values.Add(request.UriPath);
                break;
            case FieldKind.QueryString:
                values.Add(request.QueryString);
                break;
            case FieldKind.Method:
                values.Add(request.Method);
                break;
            case FieldKind.Body:
                values.Add(request.BodyText);
                break;
            case FieldKind.SingleHeader:
                foreach (var value in request.Headers[Name!])
                {
                    values.Add(value ?? string.Empty);
                }
                break;
            case FieldKind.SingleQueryArgument:
                foreach (var (key, value) in request.QueryArguments)
                {
                    if (string.Equals(key, Name, StringComparison.OrdinalIgnoreCase))
                    {
                        values.Add(value);
                    }
                }
                break;
            case FieldKind.AllQueryArguments:
                foreach (var (_, value) in request.QueryArguments)
                {
                    values.Add(value);
                }
                break;
            case FieldKind.Headers:
                foreach (var (key, headerValues) in request.Headers)
                {
                    if (Selected(key))
                    {
                        AddScoped(values, key, headerValues.ToString());
                    }
                }
                break;
            case FieldKind.Cookies:
                foreach (var (key, value) in request.Cookies)
                {
                    if (Selected(key))
                    {
                        AddScoped(values, key, value);
                    }
                }
                break;
            case FieldKind.JsonBody:
                ExtractJson(request, values);
                break;
            case FieldKind.BodyValues:
                ExtractBodyValues(request, values);
                break;
        }
    }

    private bool Selected(string name) =>
        (IncludedNames is null || IncludedNames.Contains(name)) && (ExcludedNames is null || !ExcludedNames.Contains(name));

    private void AddScoped(List<string> values, string key, string value)
    {
        if (Scope != MatchScope.Value)
        {
            values.Add(key);
        }
        if (Scope != MatchScope.Key)
        {
            values.Add(value);
        }
    }

    private void ExtractJson(WafRequest request, List<string> values)
    {
        var json = request.JsonBody;
        if (!json.IsValid)
        {
            // EVALUATE_AS_STRING (Continue here): the body as plain text.
            values.Add(request.BodyText);
            return;
        }
        if (Scope != MatchScope.Value)
        {
            values.AddRange(json.Keys);
        }
        if (Scope != MatchScope.Key)
        {
            values.AddRange(json.Values);
        }
    }

    private static void ExtractBodyValues(WafRequest request, List<string> values)
    {
        if (request.InspectedBody.IsEmpty)
        {
            return;
        }
        var contentType = request.ContentType ?? string.Empty;
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) && request.JsonBody is { IsValid: true } json)
        {
            values.AddRange(json.DistinctText);
            return;
        }
        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var part in request.BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=');
                values.Add(equals < 0 ? part : part[(equals + 1)..]);
            }
            return;
        }
        values.Add(request.BodyText);
    }
}
