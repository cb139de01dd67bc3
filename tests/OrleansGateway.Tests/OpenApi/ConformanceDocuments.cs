using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansGateway.Edge.Management.OpenApi;

namespace OrleansGateway.Tests.OpenApi;

/// <summary>
/// The conformance documents (a copy of /work/shared/conformance/openapi kept next to these tests)
/// and the fixture-side preparation PROVENANCE.md prescribes: placeholder substitution, and
/// resolving CloudFormation intrinsics the way CloudFormation would before calling API Gateway.
/// </summary>
internal static partial class ConformanceDocuments
{
    public static string Directory { get; } = Path.Combine(SourceDirectory(), "Conformance");

    /// <summary>Every OpenAPI document in the conformance set (relative paths), from MANIFEST.csv.</summary>
    public static IReadOnlyList<string> Manifest { get; } = File.ReadAllLines(Path.Combine(Directory, "MANIFEST.csv"))
        .Skip(1)
        .Where(line => line.Length > 0)
        .Select(line => line[..line.IndexOf(',')])
        .ToArray();

    /// <summary>The substitutions LocalStack's import tests make before importing (PROVENANCE.md).</summary>
    public static IReadOnlyDictionary<string, string> LocalStackSubstitutions { get; } = new Dictionary<string, string>
    {
        ["${uri}"] = "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets",
        ["${authorizer_lambda_invocation_arn}"] = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:authorizer/invocations",
        ["${lambda_invocation_arn}"] = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:target/invocations",
        ["${cognito_pool_arn}"] = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_pool",
    };

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(Directory, relativePath));

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    public static byte[] WithLocalStackSubstitutions(string relativePath)
    {
        var text = Text(relativePath);
        foreach (var (placeholder, value) in LocalStackSubstitutions)
        {
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }
        return Encoding.UTF8.GetBytes(text);
    }

    public static OpenApiImportResult Import(string relativePath, OpenApiImportOptions? options = null) =>
        new OpenApiImporter().Import(Bytes(relativePath), options ?? new OpenApiImportOptions());

    public static OpenApiImportResult Import(byte[] document, OpenApiImportOptions? options = null) =>
        new OpenApiImporter().Import(document, options ?? new OpenApiImportOptions());

    /// <summary>A conformance document with its CloudFormation intrinsics resolved, as JSON bytes.</summary>
    public static byte[] ResolvedCloudFormation(string relativePath)
    {
        var tree = OpenApiDocumentText.Parse(Bytes(relativePath));
        return Encoding.UTF8.GetBytes(ResolveCloudFormation(tree)!.ToJsonString());
    }

    /// <summary>Resolves Ref, Fn::Sub and Fn::GetAtt as CloudFormation would in a stack in us-east-1.</summary>
    public static JsonNode? ResolveCloudFormation(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } obj when obj.First() is var (key, value) && key is "Ref" or "Fn::Sub" or "Fn::GetAtt":
                return key switch
                {
                    "Ref" => Reference(value!.GetValue<string>()),
                    "Fn::GetAtt" => value is JsonArray parts
                        ? Attribute(parts[0]!.GetValue<string>() + "." + parts[1]!.GetValue<string>())
                        : Attribute(value!.GetValue<string>()),
                    _ => value is JsonArray sub
                        ? Substitute(sub[0]!.GetValue<string>(), sub[1] as JsonObject)
                        : Substitute(value!.GetValue<string>(), null),
                };
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToArray())
                {
                    var resolved = ResolveCloudFormation(obj[key]);
                    if (!ReferenceEquals(resolved, obj[key]))
                    {
                        obj[key] = resolved;
                    }
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var resolved = ResolveCloudFormation(array[i]);
                    if (!ReferenceEquals(resolved, array[i]))
                    {
                        array[i] = resolved;
                    }
                }
                return array;
            default:
                return node;
        }
    }

    private static JsonNode Substitute(string template, JsonObject? variables) =>
        SubVariable().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            return variables?[name] is { } value ? value.ToString() : name.Contains('.') ? Attribute(name) : Reference(name);
        });

    private static string Reference(string logicalId) => logicalId switch
    {
        "AWS::Region" => "us-east-1",
        "AWS::Partition" => "aws",
        "AWS::AccountId" => "123456789012",
        "AWS::StackName" => "conformance-stack",
        _ => logicalId,
    };

    private static string Attribute(string name) =>
        $"arn:aws:lambda:us-east-1:123456789012:function:{name[..name.IndexOf('.')]}";

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
