using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrleansGateway.Edge.Management.Http;

/// <summary>Reads management request bodies with a hard size bound, before anything parses them.</summary>
internal static class RequestBodies
{
    /// <summary>Bound on ordinary JSON bodies (create/update calls are a few hundred bytes).</summary>
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>API Gateway's import/put file size quota.</summary>
    public const int MaxDocumentBytes = 6 * 1024 * 1024;

    /// <summary>The whole body, or 413 once it passes <paramref name="maximumBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, int maximumBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maximumBytes)
        {
            throw ManagementRequestException.PayloadTooLarge(maximumBytes);
        }
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var body = new MemoryStream(request.ContentLength is > 0 and var length ? (int)length : 0);
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // Checked while reading so a body without Content-Length cannot grow past the bound.
                if (body.Length + read > maximumBytes)
                {
                    throw ManagementRequestException.PayloadTooLarge(maximumBytes);
                }
                body.Write(chunk, 0, read);
            }
            return body.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>
    /// The body as <typeparamref name="T"/>; null when the body is empty. Anything that is not the
    /// expected JSON (a boolean where a string belongs, a malformed document) is a 400
    /// SerializationException, as API Gateway answers.
    /// </summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await ReadAsync(request, MaxJsonBytes, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (JsonException exception)
        {
            throw ManagementRequestException.Serialization(
                exception.Path is { Length: > 0 } path ? $"Invalid JSON in request body at '{path}'" : "Invalid JSON in request body");
        }
    }
}
