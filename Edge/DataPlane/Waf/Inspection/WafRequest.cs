using System.Net;
using System.Text;
using Microsoft.Extensions.Primitives;
using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Edge.DataPlane.Waf.Inspection;

/// <summary>
/// One request as the WAF inspects it, plus the per-request caches that keep evaluation cheap:
/// every (field, transformation chain) pair is extracted and transformed at most once per request
/// and shared by all the rules that inspect it (<see cref="Slots"/>, indexed by a number the
/// compiler gave the pair), and query arguments, cookies and the body are parsed at most once.
/// </summary>
internal sealed class WafRequest
{
    private List<KeyValuePair<string, string>>? _queryArguments;
    private List<KeyValuePair<string, string>>? _cookies;
    private string? _bodyText;
    private JsonBodyValues? _jsonBody;
    private string? _sourceIpText;
    private bool _countryResolved;
    private string? _country;

    public WafRequest(
        string method,
        string uriPath,
        string queryString,
        IHeaderDictionary headers,
        ReadOnlyMemory<byte> inspectedBody,
        long bodyLength,
        bool bodyOversize,
        string? contentType,
        IPAddress? sourceIp,
        WafRuntime runtime,
        int slotCount,
        int rawSlotCount)
    {
        Method = method;
        UriPath = uriPath;
        QueryString = queryString;
        Headers = headers;
        InspectedBody = inspectedBody;
        BodyLength = bodyLength;
        BodyOversize = bodyOversize;
        ContentType = contentType;
        SourceIp = sourceIp is { IsIPv4MappedToIPv6: true } ? sourceIp.MapToIPv4() : sourceIp;
        Runtime = runtime;
        Slots = new string[]?[slotCount];
        RawSlots = new string[]?[rawSlotCount];
    }

    /// <summary>The HTTP method as sent.</summary>
    public string Method { get; }

    /// <summary>The path as sent (still percent-encoded).</summary>
    public string UriPath { get; }

    /// <summary>The query string as sent, without the '?'.</summary>
    public string QueryString { get; }

    public IHeaderDictionary Headers { get; }

    /// <summary>The first bytes of the body, up to the inspection limit.</summary>
    public ReadOnlyMemory<byte> InspectedBody { get; }

    /// <summary>The whole body's length (declared, or what was read).</summary>
    public long BodyLength { get; }

    /// <summary>True when the body is longer than the inspection limit.</summary>
    public bool BodyOversize { get; }

    public string? ContentType { get; }

    /// <summary>The connection's peer (IPv4-mapped addresses as IPv4).</summary>
    public IPAddress? SourceIp { get; }

    public WafRuntime Runtime { get; }

    /// <summary>Transformed field values by slot (see the class remarks).</summary>
    public string[]?[] Slots { get; }

    /// <summary>Extracted, untransformed field values by raw slot (one per distinct field).</summary>
    public string[]?[] RawSlots { get; }

    /// <summary>The shapes of the transformed values by slot, for the detectors (created on first use).</summary>
    public ValueShape[]?[]? SlotShapes { get; set; }

    /// <summary>Labels added by rules that matched so far (fully qualified).</summary>
    public List<string>? Labels { get; private set; }

    /// <summary>Names of Count rules that matched (reported as metrics, never blocking).</summary>
    public List<string>? CountedRules { get; private set; }

    public string SourceIpText => _sourceIpText ??= SourceIp?.ToString() ?? string.Empty;

    /// <summary>The query's arguments as sent (names and values still encoded).</summary>
    public List<KeyValuePair<string, string>> QueryArguments => _queryArguments ??= ParsePairs(QueryString, '&');

    /// <summary>The cookies of every Cookie header.</summary>
    public List<KeyValuePair<string, string>> Cookies
    {
        get
        {
            if (_cookies is null)
            {
                _cookies = [];
                foreach (var header in Headers.Cookie)
                {
                    foreach (var pair in ParsePairs(header ?? string.Empty, ';'))
                    {
                        _cookies.Add(new(pair.Key.Trim(), pair.Value.Trim()));
                    }
                }
            }
            return _cookies;
        }
    }

    /// <summary>The inspected body as text (invalid UTF-8 replaced, as a byte match would still see the rest).</summary>
    public string BodyText => _bodyText ??= Encoding.UTF8.GetString(InspectedBody.Span);

    /// <summary>The body's JSON keys and leaf values, or <see cref="JsonBodyValues.Invalid"/> when it is not JSON.</summary>
    public JsonBodyValues JsonBody => _jsonBody ??= JsonBodyValues.Parse(InspectedBody, BodyOversize);

    /// <summary>
    /// The client's country for geo match: the trusted header when one is configured and present,
    /// else the country database's answer for the source IP.
    /// </summary>
    public string? Country
    {
        get
        {
            if (!_countryResolved)
            {
                _countryResolved = true;
                if (Runtime.CountryHeader is { } header && Headers.TryGetValue(header, out var value) && !StringValues.IsNullOrEmpty(value))
                {
                    _country = value.ToString().Trim().ToUpperInvariant();
                }
                else if (SourceIp is not null)
                {
                    _country = Runtime.Countries.CountryOf(SourceIp);
                }
            }
            return _country;
        }
    }

    /// <summary>The IP in a forwarded header (its first address, as WAFv2 uses), or null when absent or not an IP.</summary>
    public IPAddress? ForwardedIp(string headerName)
    {
        if (!Headers.TryGetValue(headerName, out var values) || StringValues.IsNullOrEmpty(values))
        {
            return null;
        }
        var text = values[0].AsSpan();
        var comma = text.IndexOf(',');
        if (comma >= 0)
        {
            text = text[..comma];
        }
        return IPAddress.TryParse(text.Trim(), out var address)
            ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address
            : null;
    }

    public void AddLabel(string label) => (Labels ??= []).Add(label);

    public void RecordCount(string ruleName) => (CountedRules ??= []).Add(ruleName);

    private static List<KeyValuePair<string, string>> ParsePairs(string text, char separator)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split(separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            pairs.Add(equals < 0 ? new(part, string.Empty) : new(part[..equals], part[(equals + 1)..]));
        }
        return pairs;
    }
}
