using System.Text;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.ApiKeys;

/// <summary>
/// ImportApiKeys: <c>POST /apikeys?mode=import&amp;format=csv[&amp;failonwarnings=true]</c> with a CSV
/// body → 201 <c>{"ids": [...], "warnings": [...]}</c>. Every row is checked — values, duplicates,
/// usage plan ids and the one-plan-per-API-stage rule — before anything is written, so with
/// <c>failonwarnings</c> a file with any warning changes nothing. Re-importing a value updates
/// the key that has it.
/// </summary>
internal static class ImportApiKeysEndpoint
{
    private const int Parallelism = 16;

    public static async Task<IResult> Handle(
        HttpRequest request, IGrainFactory grains, ApiKeyValueHash hash, ApiKeyValueCipher cipher, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.Query["mode"].ToString(), "import", StringComparison.Ordinal))
        {
            throw ManagementException.BadRequest("Invalid mode specified. Must be: import");
        }
        if (!string.Equals(request.Query["format"].ToString(), "csv", StringComparison.OrdinalIgnoreCase))
        {
            throw ManagementException.BadRequest("Invalid format specified. Must be: csv");
        }
        var failOnWarnings = ApiKeyInput.Flag(request, "failonwarnings");
        var bytes = await RequestBodies.ReadAsync(request, ApiKeyCsv.MaxBytes, cancellationToken);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw ManagementException.BadRequest("Invalid API key file: it is not UTF-8 text");
        }
        var rows = ApiKeyCsv.Parse(text);
        var directory = grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key);
        var plans = (await directory.GetSnapshot()).Plans.ToDictionary(p => p.Id, StringComparer.Ordinal);

        var warnings = new List<string>();
        var accepted = new List<(ApiKeyCsvRow Row, string Value, string Hash)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (Check(row, plans, hash, seen) is { } problem)
            {
                warnings.Add($"Line {row.Line}: {problem}");
                continue;
            }
            accepted.Add((row, row.Key!, hash.Compute(row.Key!)));
        }
        // A re-imported value keeps its key's existing plans; joining more must not break the rule.
        await Parallel.ForEachAsync(accepted.ToList(), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, _) =>
        {
            if (item.Row.UsagePlanIds.Count == 0)
            {
                return;
            }
            var existing = await grains.GetGrain<IApiKeyValueGrain>(item.Hash).Resolve();
            var all = (existing?.UsagePlanIds ?? []).Union(item.Row.UsagePlanIds, StringComparer.Ordinal).ToList();
            if (SharedStage(all, plans) is { } conflict)
            {
                lock (warnings)
                {
                    warnings.Add($"Line {item.Row.Line}: the key would be in more than one usage plan for API stage {conflict}");
                    accepted.Remove(item);
                }
            }
        });
        if (failOnWarnings && warnings.Count > 0)
        {
            throw ManagementException.BadRequest($"Warnings found during import, nothing was imported: {string.Join("; ", warnings.Take(20))}");
        }

        var now = clock.GetUtcNow();
        var imported = new (ApiKeyCsvRow Row, ApiKeyRecord Record)[accepted.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, accepted.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var (row, value, _) = accepted[i];
            var keyId = ApiKeyValues.NewKeyId();
            var record = ApiKeyValues.Seal(keyId, value, row.Name, row.Description, Enabled(row), null, [], new Dictionary<string, string>(), now, hash, cipher);
            imported[i] = (row, await ImportStorageRetry.Pipeline.ExecuteAsync(
                async _ => await grains.GetGrain<IApiKeyGrain>(keyId).Import(record), cancellationToken));
        });
        // The listing is written once per shard rather than once per key.
        await Task.WhenAll(imported.GroupBy(i => ApiKeyListingShards.For(i.Record.Id)).Select(shard =>
            ImportStorageRetry.Pipeline.ExecuteAsync(
                async _ => await grains.GetGrain<IApiKeyListingShardGrain>(shard.Key).Put(shard.Select(i => i.Record).ToList()), cancellationToken).AsTask()));
        foreach (var plan in imported.SelectMany(i => i.Row.UsagePlanIds.Select(p => (Plan: p, KeyId: i.Record.Id))).GroupBy(p => p.Plan, StringComparer.Ordinal))
        {
            var keyIds = plan.Select(p => p.KeyId).ToList();
            warnings.AddRange(await ImportStorageRetry.Pipeline.ExecuteAsync(async _ => await directory.AddKeys(plan.Key, keyIds), cancellationToken));
        }
        var response = new ApiKeyIdsResponse(imported.Select(i => i.Record.Id).Distinct(StringComparer.Ordinal).ToList(), warnings);
        return TypedResults.Json(response, ApiKeysJson.Default.ApiKeyIdsResponse, "application/json", StatusCodes.Status201Created);
    }

    private static string? Check(ApiKeyCsvRow row, Dictionary<string, UsagePlan> plans, ApiKeyValueHash hash, HashSet<string> seen)
    {
        if (row.Key is null)
        {
            return "the Key column is empty";
        }
        if (row.Name is null)
        {
            return "the Name column is empty";
        }
        if (ApiKeyValues.Problem(row.Key, ApiKeyValues.MinImportLength) is { } problem)
        {
            return problem;
        }
        if (row.Name.Length > ApiKeyInput.MaxTextLength || (row.Description?.Length ?? 0) > ApiKeyInput.MaxTextLength)
        {
            return $"Name and Description may be at most {ApiKeyInput.MaxTextLength} characters";
        }
        if (row.Enabled is { } enabled && !bool.TryParse(enabled, out _))
        {
            return "Enabled must be true or false";
        }
        if (row.UsagePlanIds.FirstOrDefault(p => !plans.ContainsKey(p)) is { } unknown)
        {
            return $"usage plan {unknown} does not exist";
        }
        if (SharedStage(row.UsagePlanIds, plans) is { } conflict)
        {
            return $"the key would be in more than one usage plan for API stage {conflict}";
        }
        // Compared by hash so the plain values are not kept in a second structure.
        if (!seen.Add(hash.Compute(row.Key)))
        {
            return "the same key value appears earlier in the file";
        }
        return null;
    }

    private static bool Enabled(ApiKeyCsvRow row) => row.Enabled is { } text && bool.Parse(text);

    private static string? SharedStage(IReadOnlyList<string> planIds, Dictionary<string, UsagePlan> plans)
    {
        var stages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var planId in planIds)
        {
            if (!plans.TryGetValue(planId, out var plan))
            {
                continue;
            }
            foreach (var stage in plan.ApiStages)
            {
                if (!stages.Add($"{stage.ApiId}:{stage.Stage}"))
                {
                    return $"{stage.ApiId}:{stage.Stage}";
                }
            }
        }
        return null;
    }
}
