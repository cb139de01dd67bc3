using System.Text.Json;

namespace OrleansGateway.Tests.Security.SigV4;

/// <summary>
/// The public SigV4 test suites copied byte for byte into <c>Conformance/</c> (see its
/// <c>PROVENANCE.md</c>; <c>.gitattributes</c> keeps git from touching line endings).
/// </summary>
internal static class SigV4ConformanceSuite
{
    /// <summary>The credentials, region, service and time every case of both suites is signed with.</summary>
    public const string AccessKeyId = "AKIDEXAMPLE";

    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static string Root { get; } = Locate();

    public static string AwsCAuthV4 => Path.Combine(Root, "aws-c-auth-suite", "v4");

    public static string AwsCAuthV4a => Path.Combine(Root, "aws-c-auth-suite", "v4a");

    public static string Botocore => Path.Combine(Root, "botocore-aws4_testsuite");

    public static string ReadText(string path) => File.ReadAllText(path, System.Text.Encoding.UTF8);

    public static IReadOnlyList<string> CaseNames(string suiteFolder) =>
        [.. Directory.GetDirectories(suiteFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Walks up from the test binaries to the repository (the data is read in place, not copied to the output).</summary>
    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansGateway.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "OrleansGateway.Tests", "Security", "SigV4", "Conformance");
            }
        }

        throw new DirectoryNotFoundException($"No OrleansGateway.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>An aws-c-auth case's <c>context.json</c>.</summary>
internal sealed record AwsCAuthContext(
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken,
    string Region,
    string Service,
    DateTimeOffset Timestamp,
    bool Normalize,
    bool SignBody,
    bool OmitSessionToken)
{
    public static AwsCAuthContext Load(string caseFolder)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(caseFolder, "context.json")));
        var root = json.RootElement;
        var credentials = root.GetProperty("credentials");
        return new AwsCAuthContext(
            credentials.GetProperty("access_key_id").GetString()!,
            credentials.GetProperty("secret_access_key").GetString()!,
            credentials.TryGetProperty("token", out var token) ? token.GetString() : null,
            root.GetProperty("region").GetString()!,
            root.GetProperty("service").GetString()!,
            root.GetProperty("timestamp").GetDateTimeOffset(),
            root.GetProperty("normalize").GetBoolean(),
            root.GetProperty("sign_body").GetBoolean(),
            root.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean());
    }
}
