using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>API Gateway's <c>ApiKey</c>; <c>value</c> only when asked for (and on create).</summary>
internal sealed record ApiKeyResponse(
    string Id,
    string? Value,
    string? Name,
    string? CustomerId,
    string? Description,
    bool Enabled,
    long CreatedDate,
    long LastUpdatedDate,
    IReadOnlyList<string> StageKeys,
    IReadOnlyDictionary<string, string>? Tags)
{
    /// <summary>Maps a stored key; decrypts the value only when <paramref name="includeValue"/>.</summary>
    public static ApiKeyResponse From(ApiKeyRecord record, bool includeValue, ApiKeyValueCipher cipher) =>
        From(record, includeValue ? cipher.Decrypt(record.Id, record.EncryptedValue) : null);

    /// <summary>Maps a stored key with a value already in hand (CreateApiKey).</summary>
    public static ApiKeyResponse From(ApiKeyRecord record, string? value) => new(
        record.Id,
        value,
        record.Name,
        record.CustomerId,
        record.Description,
        record.Enabled,
        record.CreatedDate.ToUnixTimeSeconds(),
        record.LastUpdatedDate.ToUnixTimeSeconds(),
        record.StageKeys,
        record.Tags.Count > 0 ? record.Tags : null);
}

/// <summary>GetApiKeys' page: <c>{"item": [...], "position": ...}</c>.</summary>
internal sealed record ApiKeysResponse(IReadOnlyList<ApiKeyResponse> Item, string? Position, IReadOnlyList<string>? Warnings);

/// <summary>ImportApiKeys' answer.</summary>
internal sealed record ApiKeyIdsResponse(IReadOnlyList<string> Ids, IReadOnlyList<string> Warnings);

/// <summary>CreateApiKey's body.</summary>
internal sealed record CreateApiKeyBody(
    string? Name,
    string? Description,
    bool? Enabled,
    bool? GenerateDistinctId,
    string? Value,
    IReadOnlyList<StageKeyBody?>? StageKeys,
    string? CustomerId,
    IReadOnlyDictionary<string, string>? Tags);

/// <summary>A deprecated <c>StageKey</c>, stored as <c>restApiId/stageName</c>.</summary>
internal sealed record StageKeyBody(string? RestApiId, string? StageName);
