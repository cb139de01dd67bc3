using System.Text.Json;
using OrleansGateway.Grains.Interfaces.Waf;

namespace OrleansGateway.Edge.Management.Waf;

/// <summary>
/// The WAFv2 operations the gateway serves: create/get/update/delete/list for web ACLs, IP sets,
/// regex pattern sets and rule groups, and the stage associations. Each writes WAF's response
/// object; failures are thrown as <see cref="WafException"/>.
/// </summary>
internal sealed class WafOperations(IGrainFactory grains, WafArns arns, WafDefinitionCheck definitions)
{
    private static readonly WafEntityShape[] Shapes = [new WebAclShape(), new IpSetShape(), new RegexPatternSetShape(), new RuleGroupShape()];

    private IWafDirectoryGrain Directory => grains.GetGrain<IWafDirectoryGrain>(IWafDirectoryGrain.Key);

    /// <summary>Runs <paramref name="operation"/>; false if it is not one the gateway serves.</summary>
    public async Task<bool> RunAsync(string operation, WafInput input, Utf8JsonWriter writer)
    {
        foreach (var shape in Shapes)
        {
            Func<WafInput, WafEntityShape, Utf8JsonWriter, Task>? handler = operation switch
            {
                _ when operation == "Create" + shape.Noun => CreateAsync,
                _ when operation == "Get" + shape.Noun => GetAsync,
                _ when operation == "Update" + shape.Noun => UpdateAsync,
                _ when operation == "Delete" + shape.Noun => DeleteAsync,
                _ when operation == "List" + shape.Plural => ListAsync,
                _ => null,
            };
            if (handler is not null)
            {
                await handler(input, shape, writer);
                return true;
            }
        }
        Func<WafInput, Utf8JsonWriter, Task>? association = operation switch
        {
            "AssociateWebACL" => AssociateAsync,
            "DisassociateWebACL" => DisassociateAsync,
            "GetWebACLForResource" => GetForResourceAsync,
            "ListResourcesForWebACL" => ListResourcesAsync,
            _ => null,
        };
        if (association is null)
        {
            return false;
        }
        await association(input, writer);
        return true;
    }

    private async Task CreateAsync(WafInput input, WafEntityShape shape, Utf8JsonWriter writer)
    {
        input.RequireRegionalScope();
        var context = new WafDraftContext(arns, await Directory.GetSnapshot());
        var draft = shape.Draft(input, current: null, context);
        context.RequireReferences(draft.References);
        definitions.Check(draft, context);
        var created = await Directory.Create(draft, arns.EntityPrefix);
        writer.WriteStartObject();
        writer.WritePropertyName("Summary");
        WafEntityWriter.WriteSummary(writer, created);
        writer.WriteEndObject();
    }

    private async Task GetAsync(WafInput input, WafEntityShape shape, Utf8JsonWriter writer)
    {
        var entity = input.OptionalString("ARN", shape.Field) is { Length: > 0 } arn
            ? await Directory.GetByArn(shape.Kind, arn)
            : await GetByNameAndIdAsync(input, shape);
        writer.WriteStartObject();
        writer.WritePropertyName(shape.Noun);
        WafEntityWriter.WriteEntity(writer, entity, shape, arns);
        writer.WriteString("LockToken", entity.LockToken);
        writer.WriteEndObject();
    }

    private async Task UpdateAsync(WafInput input, WafEntityShape shape, Utf8JsonWriter writer)
    {
        var current = await GetByNameAndIdAsync(input, shape);
        var lockToken = input.LockToken(shape.Field);
        var context = new WafDraftContext(arns, await Directory.GetSnapshot());
        var draft = shape.Draft(input, current, context);
        context.RequireReferences(draft.References);
        definitions.Check(draft, context);
        // The directory checks the lock token again: another update may have landed meanwhile.
        var updated = await Directory.Update(current.Id, lockToken, draft);
        writer.WriteStartObject();
        writer.WriteString("NextLockToken", updated.LockToken);
        writer.WriteEndObject();
    }

    private async Task DeleteAsync(WafInput input, WafEntityShape shape, Utf8JsonWriter writer)
    {
        input.RequireRegionalScope();
        await Directory.Delete(shape.Kind, input.Name(shape.Field), input.Id(shape.Field), input.LockToken(shape.Field));
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    private async Task ListAsync(WafInput input, WafEntityShape shape, Utf8JsonWriter writer)
    {
        input.RequireRegionalScope();
        var (page, nextMarker) = WafPaging.Page(await Directory.List(shape.Kind), input);
        writer.WriteStartObject();
        if (nextMarker is not null)
        {
            writer.WriteString("NextMarker", nextMarker);
        }
        writer.WriteStartArray(shape.Plural);
        foreach (var entity in page)
        {
            WafEntityWriter.WriteSummary(writer, entity);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private async Task AssociateAsync(WafInput input, Utf8JsonWriter writer)
    {
        var webAclArn = WebAclArn(input);
        var (restApiId, stageName) = arns.ParseStage(input.RequiredString("ResourceArn", "RESOURCE_ARN"));
        await Directory.Associate(webAclArn, restApiId, stageName);
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    private async Task DisassociateAsync(WafInput input, Utf8JsonWriter writer)
    {
        var (restApiId, stageName) = arns.ParseStage(input.RequiredString("ResourceArn", "RESOURCE_ARN"));
        await Directory.Disassociate(restApiId, stageName);
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    private async Task GetForResourceAsync(WafInput input, Utf8JsonWriter writer)
    {
        var (restApiId, stageName) = arns.ParseStage(input.RequiredString("ResourceArn", "RESOURCE_ARN"));
        var acl = await Directory.GetForStage(restApiId, stageName);
        writer.WriteStartObject();
        if (acl is not null)
        {
            writer.WritePropertyName("WebACL");
            WafEntityWriter.WriteEntity(writer, acl, Shapes[0], arns);
        }
        writer.WriteEndObject();
    }

    private async Task ListResourcesAsync(WafInput input, Utf8JsonWriter writer)
    {
        var webAclArn = WebAclArn(input);
        var resourceType = input.OptionalString("ResourceType", "RESOURCE_TYPE");
        // Only API Gateway stages can be associated here, so every other resource type lists nothing.
        var stages = resourceType is null or "API_GATEWAY" ? await Directory.ListStages(webAclArn) : [];
        writer.WriteStartObject();
        writer.WriteStartArray("ResourceArns");
        foreach (var stage in stages)
        {
            writer.WriteStringValue(arns.Stage(stage.RestApiId, stage.StageName));
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private Task<WafEntity> GetByNameAndIdAsync(WafInput input, WafEntityShape shape)
    {
        input.RequireRegionalScope();
        return Directory.Get(shape.Kind, input.Name(shape.Field), input.Id(shape.Field));
    }

    private string WebAclArn(WafInput input)
    {
        var arn = input.RequiredString("WebACLArn", "WEB_ACL");
        return arns.IsEntity(arn, "webacl") ? arn : throw WafException.InvalidParameter("WEB_ACL", arn, "WebACLArn must name a web ACL in this account and region");
    }
}
