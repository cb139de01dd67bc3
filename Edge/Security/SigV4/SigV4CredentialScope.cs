namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>The credential scope <c>date/region/service/aws4_request</c> a signing key is derived for.</summary>
/// <param name="Date">The scope date, <c>yyyyMMdd</c>.</param>
/// <param name="Region">The region.</param>
/// <param name="Service">The service.</param>
public sealed record SigV4CredentialScope(string Date, string Region, string Service)
{
    /// <summary>The fixed last element of every SigV4 credential scope.</summary>
    public const string Terminator = "aws4_request";

    /// <summary>The scope as it appears in the string to sign.</summary>
    public override string ToString() => $"{Date}/{Region}/{Service}/{Terminator}";
}
