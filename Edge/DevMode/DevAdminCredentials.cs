using System.Security.Cryptography;
using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Edge.DevMode;

/// <summary>
/// When no admin key is configured, dev mode makes one, prints its id, and writes the pair to a
/// file only the user can read — reused on the next start so scripts keep working.
/// </summary>
internal static class DevAdminCredentials
{
    private const string FileName = "admin-credentials.env";
    private const string IdVariable = "GATEWAY_ADMIN_ACCESS_KEY_ID";
    private const string SecretVariable = "GATEWAY_ADMIN_SECRET_ACCESS_KEY";

    /// <summary>Puts environment-variable credentials, or generated ones, into <c>Gateway:Admin</c>.</summary>
    public static void Apply(ConfigurationManager configuration, bool devMode)
    {
        var id = Environment.GetEnvironmentVariable(IdVariable);
        var secret = Environment.GetEnvironmentVariable(SecretVariable);
        if (!string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(secret))
        {
            Set(configuration, id, secret);
            return;
        }
        var section = configuration.GetSection(AdminCredentialsOptions.Section);
        if (!string.IsNullOrEmpty(section["AccessKeyId"]) && !string.IsNullOrEmpty(section["SecretAccessKey"]) || !devMode)
        {
            return;
        }

        var options = configuration.GetSection(DevModeOptions.Section).Get<DevModeOptions>() ?? new();
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, FileName));
        if (!TryRead(path, out id, out secret))
        {
            id = "AKIA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
            secret = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
            PrivateFile.Write(path,
                $"export {IdVariable}={id}\nexport {SecretVariable}={secret}\n" +
                $"export AWS_ACCESS_KEY_ID={id}\nexport AWS_SECRET_ACCESS_KEY={secret}\n");
        }
        Set(configuration, id, secret);
        // The key id is not secret; the secret stays in the file.
        Console.WriteLine($"Dev admin access key id: {id} (secret in {path})");
    }

    private static bool TryRead(string path, out string id, out string secret)
    {
        id = secret = "";
        if (!File.Exists(path))
        {
            return false;
        }
        foreach (var line in File.ReadAllLines(path))
        {
            var text = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line;
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }
            var (name, value) = (text[..eq], text[(eq + 1)..]);
            if (name == IdVariable)
            {
                id = value;
            }
            else if (name == SecretVariable)
            {
                secret = value;
            }
        }
        return id.Length > 0 && secret.Length > 0;
    }

    private static void Set(ConfigurationManager configuration, string id, string secret) =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AdminCredentialsOptions.Section}:AccessKeyId"] = id,
            [$"{AdminCredentialsOptions.Section}:SecretAccessKey"] = secret,
        });
}
