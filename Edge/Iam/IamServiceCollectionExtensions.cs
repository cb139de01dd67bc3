using OrleansGateway.Edge.DataPlane.Authorization;
using OrleansGateway.Edge.DataPlane.Authorization.Iam;

namespace OrleansGateway.Edge.Iam;

/// <summary>Registers IAM: the access key cache and the AWS_IAM method authorizer.</summary>
public static class IamServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="IamCacheOptions"/> (<c>Gateway:Iam:Cache</c>) and registers
    /// <see cref="IamCredentialCache"/>, <see cref="IamAccessKeySecrets"/> and the AWS_IAM
    /// <see cref="IMethodAuthorizer"/>. Needs <c>AddApiKeys</c> (the cipher) and the config signal.
    /// </summary>
    public static IServiceCollection AddIam(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IamCacheOptions>()
            .Bind(configuration.GetSection(IamCacheOptions.Section))
            .Validate(o => o.MaxEntries > 0 && o.KnownKeyLifetime > TimeSpan.Zero && o.UnknownKeyLifetime >= TimeSpan.Zero,
                "Gateway:Iam:Cache: MaxEntries and KnownKeyLifetime must be positive, UnknownKeyLifetime not negative.")
            .ValidateOnStart();
        services.AddSingleton<IamAccessKeySecrets>();
        services.AddSingleton<IamCredentialCache>();
        services.AddSingleton<IMethodAuthorizer, IamMethodAuthorizer>();
        return services;
    }
}
