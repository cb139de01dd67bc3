using System.Text.RegularExpressions;
using OrleansGateway.Grains.Interfaces.ClientCertificates;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.ClientCertificates;

/// <summary>Guards on client certificate ids from requests.</summary>
internal static partial class ClientCertificateInput
{
    /// <summary>The longest description.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>API Gateway's answer for an id that names no certificate.</summary>
    public const string InvalidIdentifier = "Invalid Client Certificate identifier specified";

    /// <summary>The id from a URL, or 404 as API Gateway answers an unknown id.</summary>
    public static string CertificateId(string certificateId) =>
        IdPattern().IsMatch(certificateId) ? certificateId : throw ManagementException.NotFound(InvalidIdentifier);

    /// <summary>
    /// 400 unless <paramref name="certificateId"/> names an existing certificate (CreateStage and
    /// UpdateStage, as API Gateway refuses a stage pointing at a certificate that does not exist).
    /// </summary>
    public static async Task RequireExistingAsync(IGrainFactory grains, string certificateId)
    {
        if (!IdPattern().IsMatch(certificateId)
            || await grains.GetGrain<IClientCertificateDirectoryGrain>(IClientCertificateDirectoryGrain.Key).TryGet(certificateId) is null)
        {
            throw ManagementException.BadRequest(InvalidIdentifier);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
