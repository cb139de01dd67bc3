// GetUsage / UpdateUsage through the unmodified AWS SDK. Creates its own API key and usage plan
// through the SDK (the plan/key endpoints live on another branch; this runs after the merge).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetUsageCommand,
  UpdateUsageCommand,
} from "@aws-sdk/client-api-gateway";
import { rejection, startGateway } from "./gateway.mjs";

const today = new Date().toISOString().slice(0, 10);

describe("usage through the AWS SDK", () => {
  let gateway;
  let planId;
  let keyId;
  before(async () => {
    gateway = await startGateway();
    const key = await gateway.client.send(new CreateApiKeyCommand({ name: "usage-key", enabled: true }));
    keyId = key.id;
    const plan = await gateway.client.send(
      new CreateUsagePlanCommand({ name: "usage-plan", quota: { limit: 100, offset: 0, period: "DAY" } }),
    );
    planId = plan.id;
    await gateway.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId, keyType: "API_KEY" }));
  });
  after(async () => {
    await gateway?.stop();
  });

  test("UpdateUsage sets the remaining quota of the current period and returns Usage", async () => {
    const usage = await gateway.client.send(
      new UpdateUsageCommand({ usagePlanId: planId, keyId, patchOperations: [{ op: "replace", path: "/remaining", value: "40" }] }),
    );
    assert.equal(usage.$metadata.httpStatusCode, 200);
    assert.equal(usage.usagePlanId, planId);
    assert.deepEqual(usage.items[keyId], [[0, 40]]);
  });

  test("GetUsage reports [used, remaining] per day for the plan's keys", async () => {
    await gateway.client.send(
      new UpdateUsageCommand({ usagePlanId: planId, keyId, patchOperations: [{ op: "replace", path: "/remaining", value: "25" }] }),
    );
    const usage = await gateway.client.send(new GetUsageCommand({ usagePlanId: planId, startDate: today, endDate: today }));
    assert.equal(usage.startDate, today);
    assert.equal(usage.endDate, today);
    assert.deepEqual(usage.items[keyId], [[0, 25]]);
  });

  test("GetUsage with a malformed date is a 400 BadRequestException", async () => {
    const error = await rejection(gateway.client.send(new GetUsageCommand({ usagePlanId: planId, startDate: "yesterday", endDate: today })));
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(error.name, "BadRequestException");
  });

  test("GetUsage of an unknown plan is a 404 NotFoundException", async () => {
    const error = await rejection(gateway.client.send(new GetUsageCommand({ usagePlanId: "nosuchplan", startDate: today, endDate: today })));
    assert.equal(error.$metadata.httpStatusCode, 404);
    assert.equal(error.name, "NotFoundException");
  });
});
