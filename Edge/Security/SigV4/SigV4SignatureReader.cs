using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// Reads the signature of a request, in either the <c>Authorization</c> header form or the presigned
/// query form, and checks everything that needs no secret: completeness, scope, service and time.
/// </summary>
internal static class SigV4SignatureReader
{
    private const int MaxPresignedExpirySeconds = 7 * 24 * 60 * 60;

    /// <summary>The fields both forms carry, before validation.</summary>
    private sealed record SignatureFields(
        string Credential, string SignedHeaders, string Signature, string AmzDate, int? ExpiresSeconds, string? SessionToken);

    public static bool TryRead(
        SigV4Request request,
        SigV4VerificationPolicy policy,
        DateTimeOffset now,
        [NotNullWhen(true)] out SigV4SignedRequest? signed,
        [NotNullWhen(false)] out SigV4Failure? failure)
    {
        signed = null;
        var query = SigV4QueryParameter.Parse(request.RawQuery);
        var authorization = request.Headers.GetValues("Authorization");
        var isPresigned = query.Any(p => p.Name is SigV4QueryNames.Algorithm or SigV4QueryNames.Credential or SigV4QueryNames.Signature);
        if (authorization.Count == 0 && !isPresigned)
        {
            failure = SigV4Failure.Missing;
            return false;
        }

        if (authorization.Count > 0 && isPresigned)
        {
            failure = SigV4Failure.Malformed(
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.");
            return false;
        }

        SignatureFields? fields;
        if (isPresigned ? !TryReadQueryForm(query, out fields, out failure) : !TryReadHeaderForm(authorization, request.Headers, out fields, out failure))
        {
            return false;
        }

        var credential = fields.Credential.Split('/');
        if (credential.Length != 5 || credential.Any(string.IsNullOrEmpty))
        {
            failure = SigV4Failure.Malformed(
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{fields.Credential}'.");
            return false;
        }

        if (credential[4] != SigV4CredentialScope.Terminator)
        {
            failure = SigV4Failure.Malformed(
                $"Credential should be scoped with a valid terminator: '{SigV4CredentialScope.Terminator}', not '{credential[4]}'.");
            return false;
        }

        if (credential[3] != policy.Service && !policy.OtherServices.Contains(credential[3], StringComparer.Ordinal))
        {
            failure = new(SigV4FailureKind.WrongService, $"Credential should be scoped to correct service: '{policy.Service}'.");
            return false;
        }

        var signedHeaders = fields.SignedHeaders.Split(';').Select(name => name.ToLowerInvariant()).ToArray();
        if (signedHeaders.Any(name => name.Length == 0) || signedHeaders.Distinct(StringComparer.Ordinal).Count() != signedHeaders.Length)
        {
            failure = SigV4Failure.Malformed("SignedHeaders must be a ';'-separated list of distinct header names.");
            return false;
        }

        if (!signedHeaders.Contains("host"))
        {
            failure = SigV4Failure.Malformed("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
            return false;
        }

        if (!DateTimeOffset.TryParseExact(
                fields.AmzDate, SigV4Signature.AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            failure = SigV4Failure.Malformed($"X-Amz-Date must be in the ISO 8601 basic format yyyyMMdd'T'HHmmss'Z', got '{fields.AmzDate}'.");
            return false;
        }

        // The signing key is derived from the scope date, so a scope date that differs from the
        // signed time would let one day's key sign for another.
        if (credential[1] != fields.AmzDate[..8])
        {
            failure = new(
                SigV4FailureKind.SignatureMismatch,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{credential[1]}' != '{fields.AmzDate[..8]}', from '{fields.AmzDate}'.");
            return false;
        }

        failure = CheckTime(fields, signedAt, policy.MaxClockSkew, now);
        if (failure is not null)
        {
            return false;
        }

        var scope = new SigV4CredentialScope(credential[1], credential[2], credential[3]);
        signed = new SigV4SignedRequest(
            request, query, isPresigned, credential[0], scope, fields.AmzDate, signedAt, signedHeaders, fields.Signature, fields.SessionToken);
        return true;
    }

    private static bool TryReadHeaderForm(
        IReadOnlyList<string> authorization,
        SigV4Headers headers,
        [NotNullWhen(true)] out SignatureFields? fields,
        [NotNullWhen(false)] out SigV4Failure? failure)
    {
        fields = null;
        failure = null;
        if (authorization.Count > 1)
        {
            failure = SigV4Failure.Malformed("Only one Authorization header is allowed.");
            return false;
        }

        var value = authorization[0].AsSpan().Trim();
        var algorithmEnd = value.IndexOf(' ');
        if (algorithmEnd < 0 || !value[..algorithmEnd].SequenceEqual(SigV4Signature.Algorithm))
        {
            failure = SigV4Failure.Malformed($"Authorization header must use the {SigV4Signature.Algorithm} algorithm.");
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value[algorithmEnd..].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !parameters.TryAdd(part[..equals], part[(equals + 1)..]))
            {
                failure = SigV4Failure.Malformed("Invalid key=value pair in Authorization header: expected Credential=..., SignedHeaders=..., Signature=... once each.");
                return false;
            }
        }

        var missing = new[] { "Credential", "Signature", "SignedHeaders" }
            .Where(name => !parameters.ContainsKey(name))
            .Select(name => $"Authorization header requires '{name}' parameter.")
            .ToList();
        var amzDate = ReadSigningDate(headers, out var dateFailure);
        if (dateFailure is not null)
        {
            missing.Add(dateFailure);
        }

        if (missing.Count > 0)
        {
            failure = SigV4Failure.Malformed(string.Join(' ', missing));
            return false;
        }

        var token = headers.GetValues("X-Amz-Security-Token");
        fields = new SignatureFields(
            parameters["Credential"], parameters["SignedHeaders"], parameters["Signature"], amzDate!, null, token.Count > 0 ? token[0] : null);
        return true;
    }

    /// <summary><c>X-Amz-Date</c>, or else the HTTP <c>Date</c> header converted to the same format.</summary>
    private static string? ReadSigningDate(SigV4Headers headers, out string? failure)
    {
        failure = null;
        var amzDate = headers.GetValues("X-Amz-Date");
        if (amzDate.Count == 1)
        {
            return amzDate[0].Trim();
        }

        var date = headers.GetValues("Date");
        if (amzDate.Count == 0 && date.Count == 1 &&
            DateTimeOffset.TryParseExact(date[0].Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return SigV4Signature.FormatAmzDate(parsed);
        }

        failure = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header (exactly one, RFC 1123 for 'Date').";
        return null;
    }

    private static bool TryReadQueryForm(
        IReadOnlyList<SigV4QueryParameter> query,
        [NotNullWhen(true)] out SignatureFields? fields,
        [NotNullWhen(false)] out SigV4Failure? failure)
    {
        fields = null;
        failure = null;
        string[] required =
        [
            SigV4QueryNames.Algorithm, SigV4QueryNames.Credential, SigV4QueryNames.Signature,
            SigV4QueryNames.Date, SigV4QueryNames.SignedHeaders, SigV4QueryNames.Expires,
        ];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in query.Where(p => required.Contains(p.Name) || p.Name == SigV4QueryNames.SecurityToken))
        {
            if (!values.TryAdd(parameter.Name, parameter.Value))
            {
                failure = SigV4Failure.Malformed($"Query-string authentication allows '{parameter.Name}' only once.");
                return false;
            }
        }

        if (required.Any(name => !values.ContainsKey(name)))
        {
            failure = SigV4Failure.Malformed(
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
            return false;
        }

        if (values[SigV4QueryNames.Algorithm] != SigV4Signature.Algorithm)
        {
            failure = SigV4Failure.Malformed($"X-Amz-Algorithm only supports \"{SigV4Signature.Algorithm}\".");
            return false;
        }

        if (!int.TryParse(values[SigV4QueryNames.Expires], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) ||
            expires is < 1 or > MaxPresignedExpirySeconds)
        {
            failure = SigV4Failure.Malformed($"X-Amz-Expires must be a whole number of seconds between 1 and {MaxPresignedExpirySeconds}.");
            return false;
        }

        fields = new SignatureFields(
            values[SigV4QueryNames.Credential],
            values[SigV4QueryNames.SignedHeaders],
            values[SigV4QueryNames.Signature],
            values[SigV4QueryNames.Date],
            expires,
            values.GetValueOrDefault(SigV4QueryNames.SecurityToken));
        return true;
    }

    private static SigV4Failure? CheckTime(SignatureFields fields, DateTimeOffset signedAt, TimeSpan maxSkew, DateTimeOffset now)
    {
        var nowText = SigV4Signature.FormatAmzDate(now);
        var skewText = maxSkew.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture);
        if (signedAt > now + maxSkew)
        {
            return new(
                SigV4FailureKind.Expired,
                $"Signature not yet current: {fields.AmzDate} is still later than {SigV4Signature.FormatAmzDate(now + maxSkew)} ({nowText} + {skewText} min.)");
        }

        // A presigned URL is valid for X-Amz-Expires after signing; a header signature for the skew either side.
        if (fields.ExpiresSeconds is { } expires)
        {
            return signedAt.AddSeconds(expires) >= now
                ? null
                : new(
                    SigV4FailureKind.Expired,
                    $"Signature expired: {fields.AmzDate} is now earlier than {SigV4Signature.FormatAmzDate(now.AddSeconds(-expires))} ({nowText} - {expires} sec.)");
        }

        return signedAt >= now - maxSkew
            ? null
            : new(
                SigV4FailureKind.Expired,
                $"Signature expired: {fields.AmzDate} is now earlier than {SigV4Signature.FormatAmzDate(now - maxSkew)} ({nowText} - {skewText} min.)");
    }
}
