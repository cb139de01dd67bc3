using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;

/// <summary>
/// How a <c>RestApi</c>'s <c>policy</c> appears in management responses: API Gateway returns the
/// document minified with its quotes (and backslashes) escaped inside the string, i.e.
/// <c>{\"Version\":\"2012-10-17\",…}</c>, and clients (Terraform, CDK) unescape it.
/// </summary>
public static class ResourcePolicyWireFormat
{
    // Keeps non-ASCII and HTML-sensitive characters as written rather than as \uXXXX escapes.
    private static readonly JsonSerializerOptions Minified = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The stored policy as API Gateway shows it.</summary>
    public static string Escape(string policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        string minified;
        try
        {
            using var document = JsonDocument.Parse(policy);
            minified = JsonSerializer.Serialize(document.RootElement, Minified);
        }
        catch (JsonException)
        {
            // Only validated policies are stored; anything else is shown as stored rather than failing a read.
            minified = policy;
        }
        var escaped = new StringBuilder(minified.Length + 32);
        foreach (var c in minified)
        {
            if (c is '"' or '\\')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
