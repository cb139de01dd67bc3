using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>Reads a <see cref="SigV4Request"/> off an ASP.NET Core request (management and data plane).</summary>
public static class SigV4HttpRequest
{
    /// <summary>The signed parts of <paramref name="context"/>'s request, exactly as received.</summary>
    public static SigV4Request Read(HttpContext context)
    {
        // The signature covers the path as sent; Request.Path is already decoded.
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            rawTarget = context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        var headers = new SigV4Headers();
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(name, value ?? string.Empty);
            }
        }

        var (rawPath, rawQuery) = SigV4Request.SplitTarget(rawTarget);
        return new SigV4Request(context.Request.Method, rawPath, rawQuery, headers);
    }

    /// <summary>Hashes the body while buffering it, then rewinds it; <see langword="null"/> when it exceeds <paramref name="maxBodyBytes"/>.</summary>
    public static async Task<string?> HashBufferedBodyAsync(HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return null;
        }

        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                // Chunked bodies announce no length: count as we go.
                total += read;
                if (total > maxBodyBytes)
                {
                    return null;
                }

                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
