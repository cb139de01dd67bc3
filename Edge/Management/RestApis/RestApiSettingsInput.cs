using System.Text.Json;
using OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.RestApis;

/// <summary>Validation of the REST API settings a caller sends, with API Gateway's messages.</summary>
internal static class RestApiSettingsInput
{
    public const int MaxNameLength = 1024;
    public const int MaxTextLength = 1024;
    public const int MaxPolicyLength = ResourcePolicyReader.MaxLength;
    public const string InvalidPolicyMessage = "Invalid policy document. Please check the policy syntax and try again.";
    public const int MaxMinimumCompressionSize = 10_485_760;
    public const int MaxBinaryMediaTypes = 100;
    public const int MaxMediaTypeLength = 256;
    public const int MaxTags = 50;
    public const int MaxTagKeyLength = 128;
    public const int MaxTagValueLength = 256;
    public const int MaxVpcEndpointIds = 100;

    private static readonly string[] EndpointTypes = ["REGIONAL", "EDGE", "PRIVATE"];

    public static string ApiKeySource(string? value) =>
        value is null or "HEADER" or "AUTHORIZER"
            ? value ?? "HEADER"
            : throw new ManagementException(
                ManagementErrorType.Validation,
                $"1 validation error detected: Value '{value}' at 'createRestApiInput.apiKeySource' failed to satisfy constraint: " +
                "Member must satisfy enum value set: [AUTHORIZER, HEADER]");

    public static int? MinimumCompressionSize(int? value) =>
        value is null or (>= 0 and <= MaxMinimumCompressionSize)
            ? value
            : throw ManagementException.BadRequest($"Invalid minimum compression size, must be between 0 and {MaxMinimumCompressionSize}");

    public static IReadOnlyList<string> BinaryMediaTypes(IReadOnlyList<string>? types)
    {
        if (types is null)
        {
            return [];
        }
        if (types.Count > MaxBinaryMediaTypes || types.Any(t => string.IsNullOrEmpty(t) || t.Length > MaxMediaTypeLength))
        {
            throw ManagementException.BadRequest(
                $"Invalid binaryMediaTypes specified: at most {MaxBinaryMediaTypes} non-empty types of at most {MaxMediaTypeLength} characters");
        }
        return types.Distinct(StringComparer.Ordinal).ToList();
    }

    public static EndpointConfiguration Endpoint(EndpointConfigurationView? view)
    {
        if (view is null)
        {
            return EndpointConfiguration.Default;
        }
        var types = view.Types is { Count: > 0 } given ? given : EndpointConfiguration.Default.Types;
        // API Gateway accepts exactly one endpoint type per API.
        if (types.Count != 1 || !EndpointTypes.Contains(types[0], StringComparer.Ordinal))
        {
            throw ManagementException.BadRequest("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE");
        }
        var ipAddressType = view.IpAddressType ?? "ipv4";
        if (ipAddressType is not ("ipv4" or "dualstack"))
        {
            throw ManagementException.BadRequest("Invalid IpAddressType specified. Valid options are ipv4,dualstack");
        }
        var vpcEndpointIds = view.VpcEndpointIds ?? [];
        if (vpcEndpointIds.Count > MaxVpcEndpointIds || vpcEndpointIds.Any(v => string.IsNullOrEmpty(v) || v.Length > MaxTagValueLength))
        {
            throw ManagementException.BadRequest("Invalid vpcEndpointIds specified");
        }
        return new EndpointConfiguration(types, vpcEndpointIds, ipAddressType);
    }

    public static string? Policy(string? policy)
    {
        if (policy is null)
        {
            return null;
        }
        ManagementInput.Bounded(policy, MaxPolicyLength, "policy");
        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                ResourcePolicyReader.Validate(policy);
                return policy;
            }
        }
        catch (JsonException)
        {
            // Falls through to the 400 below.
        }
        catch (PolicyDocumentException ex)
        {
            // API Gateway's message, then what is wrong: the bare message leaves users guessing.
            throw ManagementException.BadRequest($"{InvalidPolicyMessage} {ex.Message}");
        }
        throw ManagementException.BadRequest(InvalidPolicyMessage);
    }

    public static IReadOnlyDictionary<string, string> Tags(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return new Dictionary<string, string>();
        }
        if (tags.Count > MaxTags || tags.Any(t => t.Key.Length is 0 or > MaxTagKeyLength || (t.Value?.Length ?? 0) > MaxTagValueLength))
        {
            throw ManagementException.BadRequest(
                $"Invalid tags specified: at most {MaxTags} tags, keys of 1-{MaxTagKeyLength} and values of at most {MaxTagValueLength} characters");
        }
        return tags.ToDictionary(t => t.Key, t => t.Value ?? string.Empty, StringComparer.Ordinal);
    }
}
