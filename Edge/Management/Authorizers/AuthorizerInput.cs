using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Authorizers;

/// <summary>Guards the authorizer id taken from the URL, so a malformed id is a 404 at the listener.</summary>
internal static partial class AuthorizerInput
{
    /// <summary>The authorizer id, or API Gateway's 404.</summary>
    public static string AuthorizerId(string authorizerId) =>
        IdPattern().IsMatch(authorizerId) ? authorizerId : throw NotFound();

    /// <summary>API Gateway's answer for an unknown authorizer.</summary>
    public static ManagementException NotFound() => ManagementException.NotFound("Invalid authorizer identifier specified");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
