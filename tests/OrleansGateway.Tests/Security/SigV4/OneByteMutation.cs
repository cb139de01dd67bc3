using System.Text.RegularExpressions;

namespace OrleansGateway.Tests.Security.SigV4;

/// <summary>A signed request with exactly one signed part changed by one character.</summary>
/// <param name="Part">What was changed, for the failure message.</param>
/// <param name="Request">The changed request.</param>
/// <param name="MustBeSignatureMismatch">
/// Whether the only possible rejection is a signature mismatch; false for the presigned parameters
/// that the verifier parses first (algorithm, credential, signed-header list), which fail as malformed.
/// </param>
internal sealed record OneByteMutation(string Part, RawHttpRequest Request, bool MustBeSignatureMismatch)
{
    private static readonly string[] ParsedPresignParameters = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-SignedHeaders"];

    /// <summary>
    /// Method, path, every signed query parameter (the signature's own parameter counts as the
    /// signature), every signed header (the date among them), the payload and the signature.
    /// </summary>
    public static IReadOnlyList<OneByteMutation> All(
        RawHttpRequest signed, IEnumerable<string> signedHeaders, IReadOnlyCollection<string>? unsignedQueryParameters = null)
    {
        var mutations = new List<OneByteMutation>
        {
            new("method", signed with { Method = Change(signed.Method) }, true),
            new("path", WithTarget(signed, ChangePath(signed.RawPath), signed.RawQuery), true),
            new("payload", signed with { Body = ChangePayload(signed.Body) }, true),
        };

        var query = signed.RawQuery.Length == 0 ? [] : signed.RawQuery.Split('&');
        for (var i = 0; i < query.Length; i++)
        {
            var equals = query[i].IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? query[i] : query[i][..equals];
            var value = equals < 0 ? string.Empty : query[i][(equals + 1)..];
            if (unsignedQueryParameters?.Contains(name) == true)
            {
                continue;
            }

            var changed = (string[])query.Clone();
            changed[i] = value.Length > 0 ? $"{name}={Change(value)}" : $"{Change(name)}={value}";
            var part = name == "X-Amz-Signature" ? "signature (X-Amz-Signature)" : $"query parameter {name}";
            mutations.Add(new(part, WithTarget(signed, signed.RawPath, string.Join('&', changed)), !ParsedPresignParameters.Contains(name)));
        }

        foreach (var name in signedHeaders)
        {
            var index = IndexOfHeader(signed, name);
            var headers = signed.Headers.ToList();
            headers[index] = new(headers[index].Key, Change(headers[index].Value));
            mutations.Add(new($"signed header {name}", signed with { Headers = headers }, true));
        }

        var authorization = IndexOfHeader(signed, "Authorization", required: false);
        if (authorization >= 0)
        {
            var headers = signed.Headers.ToList();
            var value = headers[authorization].Value;
            var signature = Regex.Match(value, "Signature=([0-9a-f]+)");
            headers[authorization] = new(
                headers[authorization].Key,
                value[..signature.Groups[1].Index] + Change(signature.Groups[1].Value) + value[(signature.Groups[1].Index + signature.Groups[1].Length)..]);
            mutations.Add(new("signature (Authorization)", signed with { Headers = headers }, true));
        }

        return mutations;
    }

    /// <summary>
    /// Changes one character: the last digit, else the last ASCII letter, else the last character.
    /// Digits and letters are preferred so that a date stays a date and a path stays unequal after
    /// normalisation ('/' becomes '0', never '.' into '/').
    /// </summary>
    public static string Change(string text)
    {
        if (text.Length == 0)
        {
            return "a";
        }

        var index = text.LastIndexOfAny("0123456789".ToCharArray());
        if (index < 0)
        {
            index = Array.FindLastIndex(text.ToCharArray(), char.IsAsciiLetter);
        }

        if (index < 0)
        {
            index = text.Length - 1;
        }

        var replacement = text[index] switch
        {
            '9' => '8',
            'z' => 'y',
            'Z' => 'Y',
            var c => (char)(c + 1),
        };
        return text[..index] + replacement + text[(index + 1)..];
    }

    /// <summary>
    /// Changes the path's last character, to a letter when it is not one: an earlier character could
    /// sit in a segment that a later <c>..</c> removes, and normalisation would hide the change.
    /// </summary>
    private static string ChangePath(string path) =>
        path[..^1] + (char.IsAsciiLetter(path[^1]) ? Change(path[^1..]) : "a");

    private static byte[] ChangePayload(byte[] body)
    {
        if (body.Length == 0)
        {
            return [(byte)'a'];
        }

        var changed = (byte[])body.Clone();
        changed[^1] ^= 0x01;
        return changed;
    }

    private static RawHttpRequest WithTarget(RawHttpRequest request, string path, string query) =>
        request with { Target = query.Length == 0 ? path : $"{path}?{query}" };

    private static int IndexOfHeader(RawHttpRequest request, string name, bool required = true)
    {
        for (var i = 0; i < request.Headers.Count; i++)
        {
            if (request.Headers[i].Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return required ? throw new InvalidOperationException($"Signed header {name} is not in the request.") : -1;
    }
}
