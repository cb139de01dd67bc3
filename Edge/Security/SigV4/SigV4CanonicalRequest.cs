using System.Text;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// Builds the canonical request of AWS SigV4 for non-S3 services: normalised path with each segment
/// encoded again, sorted re-encoded query, trimmed signed headers, payload hash.
/// </summary>
internal static class SigV4CanonicalRequest
{
    /// <param name="signed">The request.</param>
    /// <param name="payloadHash">The payload hash the client signed.</param>
    /// <param name="queryTokenSigned">
    /// Whether a presigned URL's <c>X-Amz-Security-Token</c> is part of the canonical query; false for
    /// signers that append the token after signing.
    /// </param>
    public static string Build(SigV4SignedRequest signed, string payloadHash, bool queryTokenSigned = true)
    {
        var builder = new StringBuilder(256);
        builder.Append(signed.Request.Method).Append('\n');
        AppendPath(builder, signed.Request.RawPath);
        builder.Append('\n');
        AppendQuery(builder, signed.Query, signed.IsPresigned, queryTokenSigned);
        builder.Append('\n');
        foreach (var name in signed.SignedHeaders)
        {
            builder.Append(name).Append(':');
            var values = signed.Request.Headers.GetValues(name);
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                AppendTrimmed(builder, values[i]);
            }

            builder.Append('\n');
        }

        builder.Append('\n').AppendJoin(';', signed.SignedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>
    /// Removes <c>.</c>, <c>..</c> and empty segments (keeping a trailing slash), then encodes each
    /// segment of the raw, already-encoded path once more, so <c>%20</c> signs as <c>%2520</c>; this
    /// matches the AWS SDKs, which normalise and encode the path they put on the wire.
    /// </summary>
    private static void AppendPath(StringBuilder builder, string rawPath)
    {
        var segments = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        builder.Append('/');
        for (var i = 0; i < segments.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }

            SigV4UriEncoding.AppendEncoded(builder, segments[i]);
        }

        if (segments.Count > 0 && rawPath.EndsWith('/'))
        {
            builder.Append('/');
        }
    }

    private static void AppendQuery(StringBuilder builder, IReadOnlyList<SigV4QueryParameter> query, bool isPresigned, bool queryTokenSigned)
    {
        // A presigned URL's signature cannot sign itself.
        var sorted = query
            .Where(parameter => !isPresigned || parameter.Name != SigV4QueryNames.Signature)
            .Where(parameter => queryTokenSigned || parameter.Name != SigV4QueryNames.SecurityToken)
            .OrderBy(parameter => parameter.CanonicalName, StringComparer.Ordinal)
            .ThenBy(parameter => parameter.CanonicalValue, StringComparer.Ordinal);
        var first = true;
        foreach (var parameter in sorted)
        {
            if (!first)
            {
                builder.Append('&');
            }

            builder.Append(parameter.CanonicalName).Append('=').Append(parameter.CanonicalValue);
            first = false;
        }
    }

    /// <summary>Trims the value and collapses each run of whitespace (including folded line breaks) to one space.</summary>
    private static void AppendTrimmed(StringBuilder builder, string value)
    {
        var pendingSpace = false;
        var wroteAny = false;
        foreach (var c in value)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                pendingSpace = wroteAny;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
            wroteAny = true;
        }
    }
}
