using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>
/// What response mappings may read of the backend's answer: its headers and, when a mapping
/// needs it, its body (buffered by <see cref="ResponseBodyBuffer"/>; null when it was not
/// buffered or too large). The body is parsed at most once, on the first body read.
/// </summary>
internal sealed class BackendResponseView(HttpResponseMessage response, ReadOnlyMemory<byte>? body) : IDisposable
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    private JsonDocument? _document;
    private bool _parsed;

    /// <summary>The backend's status code.</summary>
    public int StatusCode => (int)response.StatusCode;

    /// <summary>Every value of a response or content header; empty when absent.</summary>
    public StringValues Header(string name)
    {
        if (response.Headers.NonValidated.TryGetValues(name, out var values)
            || response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            return values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);
        }
        return StringValues.Empty;
    }

    /// <summary>The body text (whole path) or the value at <paramref name="path"/>; null when unavailable.</summary>
    public string? Body(ResponseBodyPath path)
    {
        if (body is not { } bytes)
        {
            return null;
        }
        if (ReferenceEquals(path, ResponseBodyPath.Root))
        {
            return System.Text.Encoding.UTF8.GetString(bytes.Span);
        }
        if (!_parsed)
        {
            _parsed = true;
            try
            {
                _document = JsonDocument.Parse(bytes, ParseOptions);
            }
            catch (JsonException)
            {
                // A body that is not JSON has no values at any path; the mapping is omitted.
            }
        }
        return _document is null ? null : path.Evaluate(_document.RootElement);
    }

    /// <inheritdoc />
    public void Dispose() => _document?.Dispose();
}
