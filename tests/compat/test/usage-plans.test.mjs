import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  ImportApiKeysCommand,
  UpdateApiKeyCommand,
  UpdateUsagePlanCommand,
} from "@aws-sdk/client-api-gateway";
import { rejection, startGateway } from "./gateway.mjs";

describe("API keys and usage plans through the AWS SDK", () => {
  let gateway;
  before(async () => {
    gateway = await startGateway();
  });
  after(async () => {
    await gateway?.stop();
  });

  const send = (command) => gateway.client.send(command);
  const uniqueValue = () => `compat-value-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const apiWithStage = async () => {
    const { id: restApiId } = await send(new CreateRestApiCommand({ name: "plans" }));
    await send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    return restApiId;
  };

  test("CreateApiKey, GetApiKey(includeValue), GetApiKeys, UpdateApiKey and DeleteApiKey", async () => {
    const value = uniqueValue();
    const created = await send(new CreateApiKeyCommand({ name: "sdk-key-1", value, enabled: true, customerId: "cust" }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.value, value);

    const hidden = await send(new GetApiKeyCommand({ apiKey: created.id }));
    const shown = await send(new GetApiKeyCommand({ apiKey: created.id, includeValue: true }));
    assert.equal(hidden.value, undefined);
    assert.equal(shown.value, value);
    assert.ok(shown.createdDate instanceof Date);

    const listed = await send(new GetApiKeysCommand({ nameQuery: "sdk-key-", includeValues: true }));
    assert.deepEqual(listed.items.map((k) => [k.id, k.value]), [[created.id, value]]);

    const updated = await send(new UpdateApiKeyCommand({
      apiKey: created.id,
      patchOperations: [{ op: "replace", path: "/enabled", value: "false" }, { op: "replace", path: "/name", value: "renamed" }],
    }));
    assert.equal(updated.enabled, false);
    assert.equal(updated.name, "renamed");

    const duplicate = await rejection(send(new CreateApiKeyCommand({ name: "dupe", value })));
    assert.equal(duplicate.name, "ConflictException");

    await send(new DeleteApiKeyCommand({ apiKey: created.id }));
    const missing = await rejection(send(new GetApiKeyCommand({ apiKey: created.id })));
    assert.equal(missing.name, "NotFoundException");
  });

  test("ImportApiKeys reports warnings and failonwarnings imports nothing", async () => {
    const good = uniqueValue();
    const csv = `Name,Key,Enabled\nimported-1,${good},true\nbad,short,true\n`;
    const imported = await send(new ImportApiKeysCommand({ body: new TextEncoder().encode(csv), format: "csv" }));
    assert.equal(imported.ids.length, 1);
    assert.equal(imported.warnings.length, 1);
    const key = await send(new GetApiKeyCommand({ apiKey: imported.ids[0], includeValue: true }));
    assert.equal(key.value, good);

    const other = uniqueValue();
    const failed = await rejection(send(new ImportApiKeysCommand({
      body: new TextEncoder().encode(`Name,Key\nimported-2,${other}\nbad,short\n`), format: "csv", failOnWarnings: true,
    })));
    assert.equal(failed.name, "BadRequestException");
    const none = await send(new GetApiKeysCommand({ nameQuery: "imported-2" }));
    assert.equal(none.items.length, 0);
  });

  test("usage plans: create, get, list, update, keys, the one-plan-per-stage rule and delete", async () => {
    const restApiId = await apiWithStage();
    const plan = await send(new CreateUsagePlanCommand({
      name: "sdk-plan",
      apiStages: [{ apiId: restApiId, stage: "prod" }],
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: { limit: 100, period: "DAY" },
    }));
    assert.equal(plan.$metadata.httpStatusCode, 201);
    assert.deepEqual((await send(new GetUsagePlanCommand({ usagePlanId: plan.id }))).quota, { limit: 100, offset: 0, period: "DAY" });
    assert.ok((await send(new GetUsagePlansCommand({}))).items.some((p) => p.id === plan.id));

    const updated = await send(new UpdateUsagePlanCommand({
      usagePlanId: plan.id,
      patchOperations: [
        { op: "replace", path: "/throttle/rateLimit", value: "50" },
        { op: "replace", path: `/apiStages/${restApiId}:prod/throttle/~1pets/GET/burstLimit`, value: "5" },
      ],
    }));
    assert.equal(updated.throttle.rateLimit, 50);
    assert.equal(updated.apiStages[0].throttle["/pets/GET"].burstLimit, 5);

    const bad = await rejection(send(new UpdateUsagePlanCommand({
      usagePlanId: plan.id, patchOperations: [{ op: "replace", path: "/quota/period", value: "YEAR" }],
    })));
    assert.equal(bad.name, "BadRequestException");

    const key = await send(new CreateApiKeyCommand({ name: "plan-member", enabled: true }));
    const planKey = await send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: "API_KEY" }));
    assert.equal(planKey.$metadata.httpStatusCode, 201);
    assert.equal(planKey.type, "API_KEY");
    const keys = await send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, nameQuery: "plan-" }));
    assert.deepEqual(keys.items.map((k) => k.id), [key.id]);

    const rival = await send(new CreateUsagePlanCommand({ name: "rival", apiStages: [{ apiId: restApiId, stage: "prod" }] }));
    const conflict = await rejection(send(new CreateUsagePlanKeyCommand({ usagePlanId: rival.id, keyId: key.id, keyType: "API_KEY" })));
    assert.equal(conflict.name, "ConflictException");

    const unknownStage = await rejection(send(new CreateUsagePlanCommand({ name: "x", apiStages: [{ apiId: restApiId, stage: "nope" }] })));
    assert.equal(unknownStage.name, "BadRequestException");

    const refused = await rejection(send(new DeleteUsagePlanCommand({ usagePlanId: plan.id })));
    assert.equal(refused.name, "BadRequestException");

    await send(new DeleteUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id }));
    assert.equal((await send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id }))).items.length, 0);
    await send(new UpdateUsagePlanCommand({
      usagePlanId: plan.id, patchOperations: [{ op: "remove", path: "/apiStages", value: `${restApiId}:prod` }],
    }));
    await send(new DeleteUsagePlanCommand({ usagePlanId: plan.id }));
    const gone = await rejection(send(new GetUsagePlanCommand({ usagePlanId: plan.id })));
    assert.equal(gone.name, "NotFoundException");
  });
});
