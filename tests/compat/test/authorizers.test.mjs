import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  DeleteAuthorizerCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetMethodCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  UpdateAuthorizerCommand,
  UpdateMethodCommand,
} from "@aws-sdk/client-api-gateway";
import http from "node:http";
import { eventually, invoke, rejection, startGateway } from "./gateway.mjs";

const encode = (text) => new TextEncoder().encode(text);

/** A data-plane GET with an explicit Host header plus extra request headers (kept here, not in gateway.mjs, so branches merge cleanly). */
function invokeWithHeaders(port, host, requestPath, headers) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path: requestPath, method: "GET", headers: { ...headers, host }, timeout: 10_000 },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("data-plane request timed out")));
    request.on("error", reject);
    request.end();
  });
}

/** `/open` (MOCK), `/echo` (HTTP_PROXY to the dev echo backend) and `/echo-auth` (the same, forwarding Authorization by mapping). */
function guardedApi(echoPort) {
  const proxy = (extra = {}) => ({
    responses: { 200: { description: "ok" } },
    "x-amazon-apigateway-integration": {
      type: "http_proxy",
      httpMethod: "GET",
      uri: `http://127.0.0.1:${echoPort}/seen`,
      passthroughBehavior: "when_no_match",
      ...extra,
    },
  });
  return JSON.stringify({
    openapi: "3.0.1",
    info: { title: "guarded", version: "1" },
    paths: {
      "/open": {
        get: {
          responses: { 200: { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            responses: { default: { statusCode: "200", responseTemplates: { "application/json": '{"open":true}' } } },
          },
        },
      },
      "/echo": { get: proxy() },
      "/echo-auth": {
        get: proxy({ requestParameters: { "integration.request.header.Authorization": "method.request.header.Authorization" } }),
      },
    },
  });
}

describe("authorizers and method authorization through the AWS SDK", () => {
  let gateway;
  let send;
  before(async () => {
    gateway = await startGateway();
    send = (command) => gateway.client.send(command);
  });
  after(async () => {
    await gateway?.stop();
  });

  const importApi = async () => (await send(new ImportRestApiCommand({ body: encode(guardedApi(gateway.echoPort)) }))).id;
  const resourceId = async (restApiId, path) =>
    (await send(new GetResourcesCommand({ restApiId }))).items.find((r) => r.path === path).id;
  const tokenAuthorizer = (name = "tokens") => ({
    name,
    type: "TOKEN",
    authorizerUri: "http://127.0.0.1:9/authorize",
    identitySource: "method.request.header.Authorization",
    identityValidationExpression: "^Bearer .+$",
    authorizerResultTtlInSeconds: 120,
  });

  test("CreateAuthorizer, GetAuthorizer and GetAuthorizers round trip", async () => {
    const restApiId = await importApi();

    const created = await send(new CreateAuthorizerCommand({ restApiId, ...tokenAuthorizer() }));
    const pool = await send(new CreateAuthorizerCommand({
      restApiId, name: "pool", type: "COGNITO_USER_POOLS",
      providerARNs: ["arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc"],
    }));

    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.id, /^[a-z0-9]{6}$/);
    assert.equal(created.type, "TOKEN");
    assert.equal(created.authorizerResultTtlInSeconds, 120);
    assert.equal(pool.identitySource, "method.request.header.Authorization");
    assert.equal(pool.authorizerResultTtlInSeconds, 300);
    const read = await send(new GetAuthorizerCommand({ restApiId, authorizerId: created.id }));
    assert.equal(read.name, "tokens");
    assert.equal(read.identityValidationExpression, "^Bearer .+$");
    const firstPage = await send(new GetAuthorizersCommand({ restApiId, limit: 1 }));
    assert.equal(firstPage.items.length, 1);
    assert.ok(firstPage.position);
    const secondPage = await send(new GetAuthorizersCommand({ restApiId, limit: 1, position: firstPage.position }));
    assert.equal(secondPage.items.length, 1);
    assert.equal(secondPage.position, undefined);
    assert.deepEqual([...firstPage.items, ...secondPage.items].map((a) => a.id).sort(), [created.id, pool.id].sort());
  });

  test("UpdateAuthorizer applies patch operations and rejects bad ones with AWS error names", async () => {
    const restApiId = await importApi();
    const { id } = await send(new CreateAuthorizerCommand({ restApiId, ...tokenAuthorizer() }));

    const updated = await send(new UpdateAuthorizerCommand({
      restApiId, authorizerId: id, patchOperations: [
        { op: "replace", path: "/name", value: "renamed" },
        { op: "replace", path: "/authorizerResultTtlInSeconds", value: "0" },
        { op: "replace", path: "/identitySource", value: "method.request.header.X-Token" },
      ],
    }));
    const badTtl = await rejection(send(new UpdateAuthorizerCommand({
      restApiId, authorizerId: id, patchOperations: [{ op: "replace", path: "/authorizerResultTtlInSeconds", value: "3601" }],
    })));
    const badType = await rejection(send(new CreateAuthorizerCommand({ restApiId, ...tokenAuthorizer("x"), identitySource: "method.request.querystring.t" })));
    const missing = await rejection(send(new GetAuthorizerCommand({ restApiId, authorizerId: "zzzzzz" })));

    assert.equal(updated.name, "renamed");
    assert.equal(updated.authorizerResultTtlInSeconds, 0);
    assert.equal(updated.identitySource, "method.request.header.X-Token");
    assert.equal(badTtl.name, "BadRequestException");
    assert.equal(badTtl.$metadata.httpStatusCode, 400);
    assert.equal(badType.name, "BadRequestException");
    assert.match(badType.message, /TOKEN authorizer takes exactly one method\.request\.header/);
    assert.equal(missing.name, "NotFoundException");
    assert.equal(missing.$metadata.httpStatusCode, 404);
  });

  test("UpdateMethod attaches an authorizer, DeleteAuthorizer is a conflict until it is detached", async () => {
    const restApiId = await importApi();
    const echo = await resourceId(restApiId, "/echo");
    const { id } = await send(new CreateAuthorizerCommand({ restApiId, ...tokenAuthorizer() }));

    const method = await send(new UpdateMethodCommand({
      restApiId, resourceId: echo, httpMethod: "GET", patchOperations: [
        { op: "replace", path: "/authorizationType", value: "CUSTOM" },
        { op: "replace", path: "/authorizerId", value: id },
        { op: "add", path: "/authorizationScopes", value: "pets/read" },
      ],
    }));
    const read = await send(new GetMethodCommand({ restApiId, resourceId: echo, httpMethod: "GET" }));
    const conflict = await rejection(send(new DeleteAuthorizerCommand({ restApiId, authorizerId: id })));
    const noAuthorizer = await rejection(send(new UpdateMethodCommand({
      restApiId, resourceId: echo, httpMethod: "GET", patchOperations: [{ op: "replace", path: "/authorizerId", value: "nope00" }],
    })));
    await send(new UpdateMethodCommand({
      restApiId, resourceId: echo, httpMethod: "GET", patchOperations: [{ op: "replace", path: "/authorizationType", value: "NONE" }],
    }));
    const deleted = await send(new DeleteAuthorizerCommand({ restApiId, authorizerId: id }));

    assert.equal(method.authorizationType, "CUSTOM");
    assert.equal(method.authorizerId, id);
    assert.deepEqual(read.authorizationScopes, ["pets/read"]);
    assert.equal(read.methodIntegration.type, "HTTP_PROXY");
    assert.equal(conflict.name, "ConflictException");
    assert.equal(conflict.$metadata.httpStatusCode, 409);
    assert.match(conflict.message, /GET \/echo/);
    assert.equal(noAuthorizer.name, "BadRequestException");
    assert.equal(deleted.$metadata.httpStatusCode, 202);
  });

  test("UpdateMethod takes effect on the next deployment, not before", async () => {
    const restApiId = await importApi();
    const open = await resourceId(restApiId, "/open");
    const host = `${restApiId}.execute-api.localhost`;
    await send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    const served = await eventually(async () => {
      const response = await invoke(gateway.dataPort, host, "/prod/open");
      return { done: response.status === 200, response };
    });
    assert.equal(served.response.status, 200, served.response.body);

    await send(new UpdateMethodCommand({
      restApiId, resourceId: open, httpMethod: "GET", patchOperations: [{ op: "replace", path: "/apiKeyRequired", value: "true" }],
    }));
    const beforeDeployment = await invoke(gateway.dataPort, host, "/prod/open");
    await send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    const afterDeployment = await eventually(async () => {
      const response = await invoke(gateway.dataPort, host, "/prod/open");
      return { done: response.status === 403, response };
    });

    assert.equal(beforeDeployment.status, 200);
    assert.equal(afterDeployment.response.status, 403, afterDeployment.response.body);
    assert.deepEqual(JSON.parse(afterDeployment.response.body), { message: "Forbidden" });
  });

  test("the backend does not see Authorization or x-api-key unless a mapping forwards Authorization", async () => {
    const restApiId = await importApi();
    const host = `${restApiId}.execute-api.localhost`;
    await send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    const credentials = { authorization: "Bearer caller-token", "x-api-key": "caller-api-key-0123456789", "x-other": "kept" };
    const plain = await eventually(async () => {
      const response = await invokeWithHeaders(gateway.dataPort, host, "/prod/echo", credentials);
      return { done: response.status === 200, response };
    });

    const mapped = await invokeWithHeaders(gateway.dataPort, host, "/prod/echo-auth", credentials);

    assert.equal(plain.response.status, 200, plain.response.body);
    const seen = JSON.parse(plain.response.body).headers;
    assert.equal(seen.authorization, undefined);
    assert.equal(seen["x-api-key"], undefined);
    assert.equal(seen["x-other"], "kept");
    assert.equal(mapped.status, 200, mapped.body);
    const seenMapped = JSON.parse(mapped.body).headers;
    assert.equal(seenMapped.authorization, "Bearer caller-token");
    assert.equal(seenMapped["x-api-key"], undefined);
  });
});
