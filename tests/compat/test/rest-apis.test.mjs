import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  APIGatewayClient,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  UpdateRestApiCommand,
} from "@aws-sdk/client-api-gateway";
import { adminCredentials, rejection, startGateway } from "./gateway.mjs";

describe("REST APIs through the AWS SDK", () => {
  let gateway;
  before(async () => {
    gateway = await startGateway();
  });
  after(async () => {
    await gateway?.stop();
  });

  test("CreateRestApi returns the new API with id, root resource and epoch date", async () => {
    const api = await gateway.client.send(new CreateRestApiCommand({ name: "pets", description: "my api", version: "v1" }));

    assert.equal(api.$metadata.httpStatusCode, 201);
    assert.match(api.id, /^[a-z0-9]{10}$/);
    assert.equal(api.name, "pets");
    assert.equal(api.description, "my api");
    assert.equal(api.version, "v1");
    assert.equal(api.apiKeySource, "HEADER");
    assert.deepEqual(api.endpointConfiguration.types, ["EDGE"]);
    assert.ok(api.rootResourceId);
    assert.ok(api.createdDate instanceof Date);
    assert.ok(Math.abs(api.createdDate.getTime() - Date.now()) < 120_000);
  });

  test("GetRestApi returns what CreateRestApi created", async () => {
    const created = await gateway.client.send(new CreateRestApiCommand({ name: "get-me", tags: { team: "a" } }));

    const api = await gateway.client.send(new GetRestApiCommand({ restApiId: created.id }));

    assert.equal(api.id, created.id);
    assert.equal(api.name, "get-me");
    assert.deepEqual(api.tags, { team: "a" });
    assert.equal(api.rootResourceId, created.rootResourceId);
  });

  test("GetRestApis pages through every API", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await gateway.client.send(new CreateRestApiCommand({ name: `listed-${i}` }))).id);
    }

    const seen = [];
    let position;
    do {
      const page = await gateway.client.send(new GetRestApisCommand({ limit: 2, position }));
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((api) => api.id));
      position = page.position;
    } while (position);

    for (const id of ids) {
      assert.ok(seen.includes(id), `${id} missing from the listing`);
    }
    assert.equal(new Set(seen).size, seen.length);
  });

  test("UpdateRestApi applies patch operations", async () => {
    const created = await gateway.client.send(new CreateRestApiCommand({ name: "before" }));

    const updated = await gateway.client.send(
      new UpdateRestApiCommand({
        restApiId: created.id,
        patchOperations: [
          { op: "replace", path: "/name", value: "after" },
          { op: "add", path: "/binaryMediaTypes/image~1png" },
          { op: "replace", path: "/minimumCompressionSize", value: "1024" },
        ],
      }),
    );

    assert.equal(updated.name, "after");
    assert.deepEqual(updated.binaryMediaTypes, ["image/png"]);
    assert.equal(updated.minimumCompressionSize, 1024);
  });

  test("UpdateRestApi with an unknown path is a BadRequestException", async () => {
    const created = await gateway.client.send(new CreateRestApiCommand({ name: "patch-me" }));

    const error = await rejection(
      gateway.client.send(
        new UpdateRestApiCommand({ restApiId: created.id, patchOperations: [{ op: "replace", path: "/nope", value: "x" }] }),
      ),
    );

    assert.equal(error.name, "BadRequestException");
    assert.equal(error.$metadata.httpStatusCode, 400);
  });

  test("DeleteRestApi removes the API", async () => {
    const created = await gateway.client.send(new CreateRestApiCommand({ name: "delete-me" }));

    const deleted = await gateway.client.send(new DeleteRestApiCommand({ restApiId: created.id }));
    const error = await rejection(gateway.client.send(new GetRestApiCommand({ restApiId: created.id })));

    assert.equal(deleted.$metadata.httpStatusCode, 202);
    assert.equal(error.name, "NotFoundException");
  });

  test("an unknown API id is a NotFoundException", async () => {
    const error = await rejection(gateway.client.send(new GetRestApiCommand({ restApiId: "nosuchapi0" })));

    assert.equal(error.name, "NotFoundException");
    assert.equal(error.$metadata.httpStatusCode, 404);
    assert.match(error.message, /Invalid API identifier specified/);
  });

  test("an endpoint with a base path is served under that path", async () => {
    const prefixed = new APIGatewayClient({
      endpoint: `http://127.0.0.1:${gateway.managementPort}/gw`,
      region: "us-east-1",
      credentials: { ...adminCredentials },
      maxAttempts: 1,
    });

    const created = await prefixed.send(new CreateRestApiCommand({ name: "prefixed" }));
    const fetched = await prefixed.send(new GetRestApiCommand({ restApiId: created.id }));

    assert.equal(fetched.name, "prefixed");
  });

  test("a wrong secret key is refused with 403", async () => {
    const intruder = gateway.clientWith({ accessKeyId: "AKIDCOMPATTEST000001", secretAccessKey: "not-the-secret" });

    const error = await rejection(intruder.send(new GetRestApisCommand({})));

    assert.equal(error.$metadata.httpStatusCode, 403);
    assert.ok(error.name && error.name !== "Error", `expected a named service error, got ${error.name}`);
  });

  test("an unknown access key is refused with 403", async () => {
    const stranger = gateway.clientWith({ accessKeyId: "AKIDUNKNOWN000000000", secretAccessKey: "whatever" });

    const error = await rejection(stranger.send(new GetRestApisCommand({})));

    assert.equal(error.$metadata.httpStatusCode, 403);
  });
});
