using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;

/// <summary>
/// The global condition keys of one request, computed only when a condition asks for them: most
/// policies read one or two keys, so the request path formats no value nobody reads.
/// </summary>
/// <remarks>
/// <c>aws:SourceIp</c> is the immediate TCP peer (never <c>X-Forwarded-For</c>, which a client can
/// write); <c>aws:SourceVpce</c> is the VPC endpoint id of the listener the request arrived on.
/// </remarks>
internal sealed class RequestConditionValues : IReadOnlyDictionary<string, IReadOnlyList<string>>
{
    private static readonly string[] Keys =
    [
        "aws:sourceip", "aws:sourcevpce", "aws:useragent", "aws:referer", "aws:securetransport", "aws:currenttime",
        "aws:epochtime", "aws:username", "aws:userid", "aws:principalarn", "aws:principalaccount", "aws:principaltype",
    ];

    private readonly HttpContext _context;
    private readonly IamCaller? _caller;
    private readonly DateTimeOffset _now;

    // Policies tend to test one key in several statements (aws:SourceIp in an Allow and a Deny):
    // the last answer is kept so the value is formatted once per request.
    private string? _lastKey;
    private IReadOnlyList<string>? _lastValue;

    public RequestConditionValues(HttpContext context, IamCaller? caller, DateTimeOffset now)
    {
        _context = context;
        _caller = caller;
        _now = now;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IReadOnlyList<string> value)
    {
        if (ReferenceEquals(key, _lastKey) || string.Equals(key, _lastKey, StringComparison.Ordinal))
        {
            value = _lastValue;
            return value is not null;
        }
        var single = key switch
        {
            "aws:sourceip" => SourceIp(),
            "aws:sourcevpce" => _context.Features.Get<DataPlaneListener>()?.VpcEndpointId,
            "aws:useragent" => Header("User-Agent"),
            "aws:referer" => Header("Referer"),
            "aws:securetransport" => _context.Request.IsHttps ? "true" : "false",
            "aws:currenttime" => _now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "aws:epochtime" => _now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            "aws:username" => _caller is null ? null : UserName(_caller.UserArn),
            "aws:userid" => _caller?.Caller,
            "aws:principalarn" => _caller?.UserArn,
            "aws:principalaccount" => _caller?.AccountId,
            "aws:principaltype" => _caller is null ? null : "User",
            _ => null,
        };
        value = single is null ? null : [single];
        _lastKey = key;
        _lastValue = value;
        return value is not null;
    }

    public IReadOnlyList<string> this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    IEnumerable<string> IReadOnlyDictionary<string, IReadOnlyList<string>>.Keys => Present().Select(p => p.Key);

    public IEnumerable<IReadOnlyList<string>> Values => Present().Select(p => p.Value);

    public int Count => Present().Count();

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() => Present().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> Present()
    {
        foreach (var key in Keys)
        {
            if (TryGetValue(key, out var value))
            {
                yield return new(key, value);
            }
        }
    }

    private string? SourceIp()
    {
        var address = _context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return null;
        }
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private string? Header(string name) =>
        _context.Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    /// <summary>The friendly name is the user ARN's last path segment (<c>…:user/team/alice</c> → <c>alice</c>).</summary>
    private static string UserName(string userArn)
    {
        var slash = userArn.LastIndexOf('/');
        return slash < 0 ? userArn : userArn[(slash + 1)..];
    }
}
