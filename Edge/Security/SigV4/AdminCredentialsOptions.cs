namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// The admin access key that signs management calls (<c>Gateway:Admin</c>, or the environment
/// variables <c>GATEWAY_ADMIN_ACCESS_KEY_ID</c> / <c>GATEWAY_ADMIN_SECRET_ACCESS_KEY</c>).
/// </summary>
public sealed class AdminCredentialsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Admin";

    /// <summary>Access key id (not secret).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Secret access key; never logged.</summary>
    public string? SecretAccessKey { get; set; }
}
