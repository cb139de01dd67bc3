using System.Globalization;
using System.Net;

namespace OrleansGateway.Edge.Security.Policies;

/// <summary>
/// One condition: an operator, one condition key and its policy values, converted once at parse
/// time (CIDRs, numbers, dates, wildcard patterns) so that evaluation only parses the request's value.
/// The values are ORed; the statement ANDs its conditions (IAM's rules).
/// </summary>
internal sealed class PolicyCondition
{
    private readonly ConditionOperator _operator;
    private readonly string[] _strings;
    private readonly WildcardPattern[] _patterns;
    private readonly IPNetwork[] _networks;
    private readonly decimal[] _numbers;
    private readonly DateTimeOffset[] _dates;
    private readonly bool _nullMeansAbsent;

    /// <summary>Compiles the condition; <paramref name="where"/> locates it in error messages.</summary>
    public PolicyCondition(ConditionOperator @operator, string key, IReadOnlyList<string> values, string where)
    {
        _operator = @operator;
        Key = key.ToLowerInvariant();
        _strings = [.. values];
        _patterns = [];
        _networks = [];
        _numbers = [];
        _dates = [];
        switch (@operator.Test)
        {
            case ConditionTest.StringLike:
                _patterns = [.. values.Select(v => new WildcardPattern(v, ignoreCase: false))];
                break;
            case ConditionTest.ArnLike:
                _patterns = [.. values.Select(v => new WildcardPattern(v, ignoreCase: false))];
                break;
            case ConditionTest.IpAddress:
                _networks = [.. values.Select(v => ParseNetwork(v, where))];
                break;
            case ConditionTest.NumericEquals or ConditionTest.NumericLessThan or ConditionTest.NumericLessThanEquals
                or ConditionTest.NumericGreaterThan or ConditionTest.NumericGreaterThanEquals:
                _numbers = [.. values.Select(v => TryParseNumber(v, out var n) ? n
                    : throw new PolicyDocumentException($"{where}: \"{v}\" is not a number"))];
                break;
            case ConditionTest.DateEquals or ConditionTest.DateLessThan or ConditionTest.DateLessThanEquals
                or ConditionTest.DateGreaterThan or ConditionTest.DateGreaterThanEquals:
                _dates = [.. values.Select(v => TryParseDate(v, out var d) ? d
                    : throw new PolicyDocumentException($"{where}: \"{v}\" is not a date (ISO 8601 or epoch seconds)"))];
                break;
            case ConditionTest.Bool:
                foreach (var v in values)
                {
                    if (!bool.TryParse(v, out _))
                    {
                        throw new PolicyDocumentException($"{where}: \"{v}\" is not true or false");
                    }
                }
                break;
            case ConditionTest.Null:
                if (values.Count != 1 || !bool.TryParse(values[0], out _nullMeansAbsent))
                {
                    throw new PolicyDocumentException($"{where}: Null takes a single true or false");
                }
                break;
        }
    }

    /// <summary>The condition key, lower-case.</summary>
    public string Key { get; }

    /// <summary>True when the request satisfies this condition.</summary>
    public bool IsSatisfied(IReadOnlyDictionary<string, IReadOnlyList<string>> conditionValues)
    {
        conditionValues.TryGetValue(Key, out var requestValues);
        var present = requestValues is { Count: > 0 };
        if (_operator.Test == ConditionTest.Null)
        {
            return _nullMeansAbsent != present;
        }
        if (!present)
        {
            // IAM: an absent key fails a positive test and passes a negated one; IfExists passes;
            // ForAllValues over an empty set holds vacuously; ForAnyValue has nothing to match.
            return _operator.IfExists
                || _operator.Set switch
                {
                    ConditionSet.ForAllValues => true,
                    ConditionSet.ForAnyValue => false,
                    _ => _operator.Negated,
                };
        }
        var values = requestValues!;
        switch (_operator.Set)
        {
            case ConditionSet.ForAllValues:
                for (var i = 0; i < values.Count; i++)
                {
                    if (!ValueSatisfies(values[i]))
                    {
                        return false;
                    }
                }
                return true;
            case ConditionSet.ForAnyValue:
                for (var i = 0; i < values.Count; i++)
                {
                    if (ValueSatisfies(values[i]))
                    {
                        return true;
                    }
                }
                return false;
            default:
                // Without a qualifier a positive test needs one matching request value, a negated one
                // needs no request value to match any policy value.
                for (var i = 0; i < values.Count; i++)
                {
                    if (MatchesAnyPolicyValue(values[i]))
                    {
                        return !_operator.Negated;
                    }
                }
                return _operator.Negated;
        }
    }

    private bool ValueSatisfies(string requestValue) => MatchesAnyPolicyValue(requestValue) != _operator.Negated;

    private bool MatchesAnyPolicyValue(string requestValue)
    {
        switch (_operator.Test)
        {
            case ConditionTest.StringEquals:
                return Array.IndexOf(_strings, requestValue) >= 0;
            case ConditionTest.StringEqualsIgnoreCase:
                foreach (var s in _strings)
                {
                    if (string.Equals(s, requestValue, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
                return false;
            case ConditionTest.StringLike or ConditionTest.ArnLike:
                foreach (var p in _patterns)
                {
                    if (p.IsMatch(requestValue))
                    {
                        return true;
                    }
                }
                return false;
            case ConditionTest.Bool:
                foreach (var s in _strings)
                {
                    if (string.Equals(s, requestValue, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
                return false;
            case ConditionTest.IpAddress:
                if (!IPAddress.TryParse(requestValue, out var address))
                {
                    return false;
                }
                if (address.IsIPv4MappedToIPv6)
                {
                    // Dual-mode sockets report IPv4 peers as ::ffff:a.b.c.d; policies write them as IPv4.
                    address = address.MapToIPv4();
                }
                foreach (var network in _networks)
                {
                    if (network.Contains(address))
                    {
                        return true;
                    }
                }
                return false;
            case ConditionTest.Null:
                return false;
            default:
                return MatchesOrdered(requestValue);
        }
    }

    private bool MatchesOrdered(string requestValue)
    {
        var isDate = _operator.Test is ConditionTest.DateEquals or ConditionTest.DateLessThan or ConditionTest.DateLessThanEquals
            or ConditionTest.DateGreaterThan or ConditionTest.DateGreaterThanEquals;
        if (isDate)
        {
            if (!TryParseDate(requestValue, out var date))
            {
                return false;
            }
            foreach (var d in _dates)
            {
                if (Compare(date.UtcTicks.CompareTo(d.UtcTicks)))
                {
                    return true;
                }
            }
            return false;
        }
        if (!TryParseNumber(requestValue, out var number))
        {
            return false;
        }
        foreach (var n in _numbers)
        {
            if (Compare(number.CompareTo(n)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Applies the operator to <c>request.CompareTo(policy)</c>.</summary>
    private bool Compare(int order) => _operator.Test switch
    {
        ConditionTest.NumericEquals or ConditionTest.DateEquals => order == 0,
        ConditionTest.NumericLessThan or ConditionTest.DateLessThan => order < 0,
        ConditionTest.NumericLessThanEquals or ConditionTest.DateLessThanEquals => order <= 0,
        ConditionTest.NumericGreaterThan or ConditionTest.DateGreaterThan => order > 0,
        ConditionTest.NumericGreaterThanEquals or ConditionTest.DateGreaterThanEquals => order >= 0,
        _ => false,
    };

    private static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryParseDate(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochSeconds)
            && epochSeconds is >= -62135596800 and <= 253402300799)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(epochSeconds);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>
    /// A CIDR (or a bare address, meaning one host). Host bits after the prefix are cleared rather than
    /// refused, as IAM accepts <c>203.0.113.7/24</c>.
    /// </summary>
    private static IPNetwork ParseNetwork(string text, string where)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        // IPAddress.TryParse takes legacy forms ("10", "10.1"); IAM wants dotted quads or IPv6.
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal)
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && addressText.Count('.') != 3))
        {
            throw new PolicyDocumentException($"{where}: \"{text}\" is not a valid IP address or CIDR block");
        }
        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            throw new PolicyDocumentException($"{where}: \"{text}\" is not a valid CIDR block (prefix must be 0-{bits})");
        }
        Span<byte> bytes = stackalloc byte[bits / 8];
        address.TryWriteBytes(bytes, out _);
        for (var bit = prefix; bit < bits; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return new IPNetwork(new IPAddress(bytes), prefix);
    }
}
