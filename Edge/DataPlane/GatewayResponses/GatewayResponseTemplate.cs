using System.Text;

namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>
/// A gateway response body template, split once per stage into literal text and the
/// <c>$context.x</c> / <c>$stageVariables.x</c> (or <c>${…}</c>) references it contains. This is
/// API Gateway's non-VTL substitution for gateway responses: no directives, no <c>$input</c>.
/// </summary>
internal sealed class GatewayResponseTemplate
{
    private readonly (string Text, bool IsVariable)[] _parts;

    private GatewayResponseTemplate(string contentType, (string Text, bool IsVariable)[] parts)
    {
        ContentType = contentType;
        _parts = parts;
    }

    /// <summary>The content type the template is for, sent as <c>Content-Type</c>.</summary>
    public string ContentType { get; }

    /// <summary>Splits <paramref name="template"/> into its literal and variable parts.</summary>
    public static GatewayResponseTemplate Parse(string contentType, string template)
    {
        var parts = new List<(string, bool)>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] == '$' && TryReadReference(template, i, out var name, out var end))
            {
                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), false));
                    literal.Clear();
                }
                parts.Add((name, true));
                i = end;
                continue;
            }
            literal.Append(template[i]);
            i++;
        }
        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), false));
        }
        return new GatewayResponseTemplate(contentType, [.. parts]);
    }

    /// <summary>The body for one request.</summary>
    public byte[] Render(in GatewayResponseRendering rendering)
    {
        var body = new StringBuilder();
        foreach (var (text, isVariable) in _parts)
        {
            body.Append(isVariable ? rendering.Variable(text) : text);
        }
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static bool TryReadReference(string template, int dollar, out string name, out int end)
    {
        name = string.Empty;
        end = dollar;
        var braced = dollar + 1 < template.Length && template[dollar + 1] == '{';
        var start = dollar + (braced ? 2 : 1);
        if (!template.AsSpan(start).StartsWith("context.", StringComparison.Ordinal)
            && !template.AsSpan(start).StartsWith("stageVariables.", StringComparison.Ordinal))
        {
            return false;
        }
        var stop = start;
        while (stop < template.Length && (char.IsAsciiLetterOrDigit(template[stop]) || template[stop] is '_' or '.' or '-'))
        {
            stop++;
        }
        // A sentence-ending dot ("… $context.stage.") is not part of the name.
        while (stop > start && template[stop - 1] == '.')
        {
            stop--;
        }
        if (braced)
        {
            if (stop >= template.Length || template[stop] != '}')
            {
                return false;
            }
            name = template[start..stop];
            end = stop + 1;
            return true;
        }
        name = template[start..stop];
        end = stop;
        return true;
    }
}
