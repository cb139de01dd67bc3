using System.Globalization;
using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using static OrleansGateway.Grains.Patching.PatchOperationRules;

namespace OrleansGateway.Grains.Patching;

/// <summary>
/// UpdateRestApi: applies API Gateway's v1 patch operations to a REST API's settings. Pure, so the
/// grain can apply a whole batch to a copy and persist only if every operation succeeded.
/// </summary>
/// <remarks>
/// Accepted paths: <c>/name</c>, <c>/description</c>, <c>/version</c>, <c>/policy</c>,
/// <c>/apiKeySource</c>, <c>/minimumCompressionSize</c>, <c>/disableExecuteApiEndpoint</c>,
/// <c>/binaryMediaTypes/{type with / as ~1}</c>, <c>/endpointConfiguration/types/{index or type}</c>,
/// <c>/endpointConfiguration/vpcEndpointIds</c> and <c>/endpointConfiguration/ipAddressType</c>.
/// Tags are not patchable (API Gateway changes them through TagResource).
/// </remarks>
public static class RestApiPatcher
{
    /// <summary>Longest API name accepted.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>Longest description or version accepted.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>API Gateway's default resource policy size quota.</summary>
    public const int MaxPolicyLength = 8192;

    /// <summary>API Gateway's largest <c>minimumCompressionSize</c>.</summary>
    public const int MaxMinimumCompressionSize = 10_485_760;

    /// <summary>Bound on <c>binaryMediaTypes</c> entries, so one API cannot grow without limit.</summary>
    public const int MaxBinaryMediaTypes = 100;

    private const int MaxMediaTypeLength = 256;
    private const int MaxVpcEndpointIds = 100;
    private const string BinaryMediaTypesPath = "/binaryMediaTypes";
    private const string EndpointTypesPrefix = "/endpointConfiguration/types/";

    private static readonly string[] ApiKeySources = ["AUTHORIZER", "HEADER"];
    private static readonly string[] EndpointTypes = ["REGIONAL", "EDGE", "PRIVATE"];
    private static readonly string[] IpAddressTypes = ["ipv4", "dualstack"];

    /// <summary>Applies <paramref name="operations"/> in order; throws <see cref="ManagementException"/> on the first bad one.</summary>
    public static RestApiInfo Apply(RestApiInfo api, IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(operations);
        var current = api;
        for (var i = 0; i < operations.Count; i++)
        {
            EnsureKnownOp(operations[i], i, "updateRestApiInput");
            current = ApplyOne(current, operations[i]);
        }
        return current;
    }

    private static RestApiInfo ApplyOne(RestApiInfo api, PatchOperation operation)
    {
        var path = operation.Path ?? string.Empty;
        switch (path)
        {
            case "/name":
                EnsureOp(operation, Replace);
                return api with { Name = PatchValues.RequireString(operation, MaxNameLength) };
            case "/description":
                EnsureOp(operation, Add, Remove, Replace);
                return api with { Description = PatchValues.OptionalString(operation, MaxTextLength) };
            case "/version":
                EnsureOp(operation, Add, Remove, Replace);
                return api with { Version = PatchValues.OptionalString(operation, MaxTextLength) };
            case "/policy":
                EnsureOp(operation, Add, Remove, Replace);
                return api with { Policy = ParsePolicy(operation) };
            case "/apiKeySource":
                EnsureOp(operation, Replace);
                return api with { ApiKeySource = ParseApiKeySource(operation.Value) };
            case "/minimumCompressionSize":
                EnsureOp(operation, Replace);
                return api with { MinimumCompressionSize = ParseMinimumCompressionSize(operation.Value) };
            case "/disableExecuteApiEndpoint":
                EnsureOp(operation, Replace);
                return api with { DisableExecuteApiEndpoint = PatchValues.ParseBoolean(operation) };
            case "/endpointConfiguration/vpcEndpointIds":
                EnsureOp(operation, Add, Remove, Replace);
                return api with { EndpointConfiguration = PatchVpcEndpointIds(api.EndpointConfiguration, operation) };
            case "/endpointConfiguration/ipAddressType":
                EnsureOp(operation, Replace);
                return api with
                {
                    EndpointConfiguration = api.EndpointConfiguration with { IpAddressType = PatchValues.ParseEnum(operation, IpAddressTypes) },
                };
        }

        if (path.StartsWith(BinaryMediaTypesPath + "/", StringComparison.Ordinal))
        {
            EnsureOp(operation, Add, Remove, Replace);
            return api with { BinaryMediaTypes = PatchBinaryMediaTypes(api.BinaryMediaTypes, operation) };
        }
        if (path.StartsWith(EndpointTypesPrefix, StringComparison.Ordinal))
        {
            EnsureOp(operation, Replace);
            return api with { EndpointConfiguration = ReplaceEndpointType(api.EndpointConfiguration, operation) };
        }
        throw InvalidPath(path);
    }

    /// <summary>The API Gateway validation error for an <c>apiKeySource</c> outside its enum.</summary>
    public static string ParseApiKeySource(string? value)
    {
        if (value is "HEADER" or "AUTHORIZER")
        {
            return value;
        }
        throw new ManagementException(
            ManagementErrorType.Validation,
            $"1 validation error detected: Value '{value}' at 'createRestApiInput.apiKeySource' failed to satisfy constraint: " +
            $"Member must satisfy enum value set: [{string.Join(", ", ApiKeySources)}]");
    }

    private static int? ParseMinimumCompressionSize(string? value)
    {
        // API Gateway documents null or an omitted value as "disable"; an empty string is accepted too.
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size)
            && size >= 0 && size <= MaxMinimumCompressionSize)
        {
            return size;
        }
        throw ManagementException.BadRequest($"Invalid minimum compression size, must be between 0 and {MaxMinimumCompressionSize}");
    }

    private static string? ParsePolicy(PatchOperation operation)
    {
        var policy = PatchValues.OptionalString(operation, MaxPolicyLength);
        if (policy is not null)
        {
            EnsurePolicyIsJson(policy);
        }
        return policy;
    }

    /// <summary>Rejects a resource policy that is not a JSON object, with API Gateway's message.</summary>
    public static void EnsurePolicyIsJson(string policy)
    {
        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return;
            }
        }
        catch (JsonException)
        {
            // Falls through to the same 400 as a non-object document.
        }
        throw ManagementException.BadRequest("Invalid policy document. Please check the policy syntax and try again.");
    }

    private static IReadOnlyList<string> PatchBinaryMediaTypes(IReadOnlyList<string> types, PatchOperation operation)
    {
        // The media type is the path's last part, not the value: binaryMediaTypes is an array that
        // API Gateway patches like an object keyed by type.
        var pathType = Unescape(operation.Path[(BinaryMediaTypesPath.Length + 1)..]);
        EnsureMediaType(pathType, operation.Path);
        var result = types.Where(t => !string.Equals(t, pathType, StringComparison.Ordinal)).ToList();
        switch (operation.Op)
        {
            case Add:
                // Adding a type already present leaves it where it was.
                if (result.Count != types.Count)
                {
                    return types;
                }
                result.Add(pathType);
                break;
            case Replace:
                // As API Gateway does: the old type goes and the new one is appended at the end.
                var replacement = operation.Value ?? string.Empty;
                EnsureMediaType(replacement, operation.Path);
                result.RemoveAll(t => string.Equals(t, replacement, StringComparison.Ordinal));
                result.Add(replacement);
                break;
        }
        if (result.Count > MaxBinaryMediaTypes)
        {
            throw ManagementException.BadRequest($"Too many binary media types specified. Maximum allowed: {MaxBinaryMediaTypes}");
        }
        return result;
    }

    private static void EnsureMediaType(string type, string path)
    {
        if (type.Length == 0 || type.Length > MaxMediaTypeLength || type.Any(char.IsWhiteSpace))
        {
            throw InvalidPath(path);
        }
    }

    private static EndpointConfiguration ReplaceEndpointType(EndpointConfiguration configuration, PatchOperation operation)
    {
        var selector = operation.Path[EndpointTypesPrefix.Length..];
        var replacement = operation.Value is { } value && EndpointTypes.Contains(value, StringComparer.Ordinal)
            ? value
            : throw ManagementException.BadRequest("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE");
        var types = configuration.Types.ToList();
        var index = int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : types.IndexOf(selector);
        if (index < 0 || index >= types.Count)
        {
            throw InvalidPath(operation.Path);
        }
        types[index] = replacement;
        return configuration with { Types = types.Distinct(StringComparer.Ordinal).ToList() };
    }

    private static EndpointConfiguration PatchVpcEndpointIds(EndpointConfiguration configuration, PatchOperation operation)
    {
        var id = PatchValues.RequireString(operation, MaxNameLength);
        var ids = operation.Op == Replace ? [] : configuration.VpcEndpointIds.Where(v => v != id).ToList();
        if (operation.Op != Remove)
        {
            ids.Add(id);
        }
        if (ids.Count > MaxVpcEndpointIds)
        {
            throw ManagementException.BadRequest($"Too many VPC endpoint ids specified. Maximum allowed: {MaxVpcEndpointIds}");
        }
        return configuration with { VpcEndpointIds = ids };
    }
}
