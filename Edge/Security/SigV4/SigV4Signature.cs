using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>The AWS4-HMAC-SHA256 string to sign, signing key derivation and signature.</summary>
internal static class SigV4Signature
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The ISO 8601 basic format of <c>X-Amz-Date</c>.</summary>
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);

    public static string BuildStringToSign(string amzDate, SigV4CredentialScope scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{HashHex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <summary>The raw signature bytes (hex-encode them to compare with what a client sends).</summary>
    public static byte[] Compute(string secretAccessKey, SigV4CredentialScope scope, string stringToSign)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(scope.Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Service));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(SigV4CredentialScope.Terminator));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign));
    }

    public static string HashHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
