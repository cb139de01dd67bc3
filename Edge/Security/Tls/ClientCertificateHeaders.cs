using OrleansGateway.Edge.Hosting.Listeners;

namespace OrleansGateway.Edge.Security.Tls;

/// <summary>
/// The <c>X-Client-Cert-*</c> headers a mutual-TLS listener with
/// <c>ForwardClientCertificateHeaders</c> sends to backends. A client can never supply them:
/// any caller header of these names is dropped on every listener before the gateway sets its own.
/// </summary>
internal static class ClientCertificateHeaders
{
    public const string Subject = "X-Client-Cert-Subject";
    public const string Issuer = "X-Client-Cert-Issuer";
    public const string Serial = "X-Client-Cert-Serial";
    public const string NotBefore = "X-Client-Cert-Not-Before";
    public const string NotAfter = "X-Client-Cert-Not-After";

    /// <summary>Replaces any caller-sent certificate headers on <paramref name="proxyRequest"/> with the gateway's.</summary>
    public static void Apply(HttpContext context, HttpRequestMessage proxyRequest)
    {
        var headers = proxyRequest.Headers;
        headers.Remove(Subject);
        headers.Remove(Issuer);
        headers.Remove(Serial);
        headers.Remove(NotBefore);
        headers.Remove(NotAfter);
        if (context.Features.Get<DataPlaneListenerBinding>() is not { ForwardClientCertificateHeaders: true }
            || context.Features.Get<ClientCertificateIdentity>() is not { } identity)
        {
            return;
        }
        headers.TryAddWithoutValidation(Subject, HeaderSafe(identity.SubjectDN));
        headers.TryAddWithoutValidation(Issuer, HeaderSafe(identity.IssuerDN));
        headers.TryAddWithoutValidation(Serial, identity.SerialNumber);
        headers.TryAddWithoutValidation(NotBefore, identity.NotBeforeText);
        headers.TryAddWithoutValidation(NotAfter, identity.NotAfterText);
    }

    // A distinguished name may hold any Unicode, even control characters; a header may not, so
    // such a name is percent-encoded (the common case, printable ASCII, is sent as it is).
    private static string HeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return Uri.EscapeDataString(value);
            }
        }
        return value;
    }
}
