// WebSocket APIs with API keys, usage plans, stage route throttles and the cluster-wide authorizer
// cache, on the real edge (dev mode), with `ws` clients, a real HTTP backend and both SDKs.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  GetStageCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-apigatewayv2";
import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  UpdateApiKeyCommand,
} from "@aws-sdk/client-api-gateway";
import { rejection, startGateway } from "./gateway.mjs";
import { openClient, startBackend, until, v2Client } from "./websockets.mjs";

/**
 * A WebSocket API whose `$connect` (options.connect: extra CreateRoute members) and two-way `$default`
 * and `echo` routes go to the backend, with a `prod` stage (options.stage: extra CreateStage members).
 */
async function createApi(v2, backend, { connect = {}, stage = {}, authorizer, apiKeySelectionExpression } = {}) {
  const api = await v2.send(new CreateApiCommand({
    Name: "usage", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action", ApiKeySelectionExpression: apiKeySelectionExpression,
  }));
  let authorizerId;
  if (authorizer) {
    ({ AuthorizerId: authorizerId } = await v2.send(new CreateAuthorizerCommand({ ApiId: api.ApiId, AuthorizerType: "REQUEST", ...authorizer })));
  }
  for (const routeKey of ["$connect", "$default", "echo"]) {
    const integration = await v2.send(new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "HTTP", IntegrationUri: backend.url(`/${api.ApiId}/${routeKey}`) }));
    const extra = routeKey === "$connect" ? { ...connect, ...(authorizerId ? { AuthorizationType: "CUSTOM", AuthorizerId: authorizerId } : {}) } : {};
    const route = await v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: routeKey, Target: `integrations/${integration.IntegrationId}`, ...extra }));
    if (routeKey !== "$connect") {
      await v2.send(new CreateRouteResponseCommand({ ApiId: api.ApiId, RouteId: route.RouteId, RouteResponseKey: "$default" }));
    }
  }
  await v2.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: "prod", ...stage }));
  await v2.send(new CreateDeploymentCommand({ ApiId: api.ApiId, StageName: "prod" }));
  return api;
}

/** Sends `count` echo messages at once and waits until each has an answer (echo or error frame). */
async function burst(client, count, action = "echo") {
  const before = client.messages.length;
  for (let i = 0; i < count; i++) {
    client.socket.send(JSON.stringify({ action, n: i }));
  }
  await until(() => client.messages.length - before >= count, 30_000);
  return client.messages.slice(before).map((text) => JSON.parse(text));
}

describe("WebSocket API keys, usage plans and throttles", () => {
  let gateway;
  let v2;
  let backend;
  let send;

  before(async () => {
    gateway = await startGateway();
    v2 = v2Client(gateway.managementPort);
    send = (command) => gateway.client.send(command);
    backend = await startBackend((request) => {
      if (request.path.endsWith("/authorize")) {
        return {
          status: 200,
          body: JSON.stringify({
            principalId: "user-" + request.json.headers.Auth,
            ...(request.json.headers.Key ? { usageIdentifierKey: request.json.headers.Key } : {}),
            policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: request.json.methodArn }] },
          }),
        };
      }
      return { status: 200, body: JSON.stringify({ ok: true }) };
    });
  });

  after(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  /** An enabled API key in a new usage plan for `{apiId}/prod` with the given throttle/quota. */
  async function keyInPlan(apiId, plan = {}) {
    const usagePlan = await send(new CreateUsagePlanCommand({ name: `plan-${Math.random().toString(36).slice(2)}`, apiStages: [{ apiId, stage: "prod" }], ...plan }));
    const key = await send(new CreateApiKeyCommand({ name: `key-${Math.random().toString(36).slice(2)}`, enabled: true, value: `ws-key-${Date.now()}-${Math.random().toString(36).slice(2)}` }));
    await send(new CreateUsagePlanKeyCommand({ usagePlanId: usagePlan.id, keyId: key.id, keyType: "API_KEY" }));
    return key;
  }

  /** Opens a client once the deployment (and the key, the plan) reached the edge. */
  async function openWhenReady(apiId, headers = {}) {
    return until(async () => {
      const client = await openClient(gateway.dataPort, apiId, "prod", { headers });
      return client.socket ? client : undefined;
    });
  }

  const openWithKey = (apiId, value) => openWhenReady(apiId, { "x-api-key": value });

  test("a usage plan accepts a WebSocket API stage; an unknown WebSocket stage is still a 400", async () => {
    const api = await createApi(v2, backend);
    const plan = await send(new CreateUsagePlanCommand({ name: "ws-plan", apiStages: [{ apiId: api.ApiId, stage: "prod" }] }));
    assert.deepEqual(plan.apiStages.map((stage) => [stage.apiId, stage.stage]), [[api.ApiId, "prod"]]);
    const unknown = await rejection(send(new CreateUsagePlanCommand({ name: "ws-plan-2", apiStages: [{ apiId: api.ApiId, stage: "nosuchstage" }] })));
    assert.equal(unknown.$metadata.httpStatusCode, 400);
  });

  test("apiKeyRequired on $connect: no key, an unknown key, a key in no plan for the stage and a disabled key are refused 403 Forbidden", async () => {
    const api = await createApi(v2, backend, { connect: { ApiKeyRequired: true } });
    const key = await keyInPlan(api.ApiId);
    const connected = await openWithKey(api.ApiId, key.value);
    assert.ok(connected?.socket, `a key in a plan for the stage connects; output:\n${gateway.output()}`);
    connected.socket.close();

    const missing = await openClient(gateway.dataPort, api.ApiId, "prod");
    assert.equal(missing.status, 403);
    const unknown = await openClient(gateway.dataPort, api.ApiId, "prod", { headers: { "x-api-key": "no-such-key-value-000000000" } });
    assert.equal(unknown.status, 403);
    const other = await createApi(v2, backend);
    const elsewhere = await keyInPlan(other.ApiId);
    const wrongStage = await openClient(gateway.dataPort, api.ApiId, "prod", { headers: { "x-api-key": elsewhere.value } });
    assert.equal(wrongStage.status, 403);

    await send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: "replace", path: "/enabled", value: "false" }] }));
    const disabled = await until(async () => {
      const attempt = await openClient(gateway.dataPort, api.ApiId, "prod", { headers: { "x-api-key": key.value } });
      attempt.socket?.close();
      return attempt.status === 403 ? attempt : undefined;
    });
    assert.equal(disabled?.status, 403, "a disabled key is refused");
    const connects = backend.requests.filter((request) => request.path === `/${api.ApiId}/$connect`);
    assert.equal(connects.length, 1, "refused connects never reach the $connect integration");
  });

  test("a key's plan throttle applies to its connection's messages: over the limit a Too Many Requests frame, and the connection stays open", async () => {
    const api = await createApi(v2, backend, { connect: { ApiKeyRequired: true } });
    const key = await keyInPlan(api.ApiId, { throttle: { rateLimit: 1, burstLimit: 2 } });
    const client = await openWithKey(api.ApiId, key.value);
    assert.ok(client?.socket);
    const answers = await burst(client, 12);
    const throttled = answers.filter((answer) => answer.message === "Too Many Requests");
    const served = answers.filter((answer) => answer.ok === true);
    assert.ok(throttled.length >= 6, `most of 12 messages at once are throttled (${JSON.stringify(answers)})`);
    assert.ok(served.length >= 1, "the burst admits some");
    assert.match(throttled[0].connectionId, /^[A-Za-z0-9_-]{16}$/);
    assert.match(throttled[0].requestId, /^[0-9a-f-]{36}$/);
    assert.equal(client.socket.readyState, client.socket.OPEN, "a throttled connection stays open");
    // The bucket refills at 1/s: a later message is served again.
    const later = await until(async () => (await burst(client, 1)).find((answer) => answer.ok === true), 30_000);
    assert.ok(later, "the connection is served again after the bucket refills");
    client.socket.close();
  });

  test("a key's quota counts $connect and every message; past it a Limit Exceeded frame", async () => {
    const api = await createApi(v2, backend, { connect: { ApiKeyRequired: true } });
    const key = await keyInPlan(api.ApiId, { quota: { limit: 5, period: "DAY" } });
    const client = await openWithKey(api.ApiId, key.value);
    assert.ok(client?.socket);
    const answers = [];
    for (let i = 0; i < 7; i++) {
      answers.push(...(await burst(client, 1)));
    }
    assert.deepEqual(answers.map((answer) => answer.ok === true ? "ok" : answer.message), ["ok", "ok", "ok", "ok", "Limit Exceeded", "Limit Exceeded", "Limit Exceeded"]);
    assert.equal(client.socket.readyState, client.socket.OPEN);
    client.socket.close();
  });

  test("stage route throttles: RouteSettings for a route and DefaultRouteSettings for the others, changed by UpdateStage without a redeployment", async () => {
    const api = await createApi(v2, backend, {
      stage: {
        DefaultRouteSettings: { ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 1000 },
        RouteSettings: { echo: { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 0.5 } },
      },
    });
    const stage = await v2.send(new GetStageCommand({ ApiId: api.ApiId, StageName: "prod" }));
    assert.deepEqual(stage.RouteSettings.echo, { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 0.5 });
    assert.equal(stage.DefaultRouteSettings.ThrottlingBurstLimit, 1000);
    const client = await openWhenReady(api.ApiId);
    assert.ok(client?.socket);
    const echo = await burst(client, 6, "echo");
    assert.ok(echo.filter((answer) => answer.message === "Too Many Requests").length >= 3, `echo is throttled (${JSON.stringify(echo)})`);
    const other = await burst(client, 6, "something-else");
    assert.equal(other.filter((answer) => answer.ok === true).length, 6, "$default has its own, larger bucket");

    await v2.send(new UpdateStageCommand({ ApiId: api.ApiId, StageName: "prod", DefaultRouteSettings: { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 0.5 } }));
    const throttledDefault = await until(async () => {
      const answers = await burst(client, 6, "something-else");
      return answers.some((answer) => answer.message === "Too Many Requests") ? answers : undefined;
    }, 30_000);
    assert.ok(throttledDefault, "the new default reaches the edge without a redeployment");
    const bad = await rejection(v2.send(new UpdateStageCommand({ ApiId: api.ApiId, StageName: "prod", DefaultRouteSettings: { ThrottlingBurstLimit: -1 } })));
    assert.equal(bad.name, "BadRequestException");
    client.socket.close();
  });

  test("a $connect REQUEST authorizer with a TTL is called once per identity: a second connect with the same identity uses the cluster-wide cache", async () => {
    const api = await createApi(v2, backend, {
      authorizer: { Name: "cached", AuthorizerUri: backend.url("/cached/authorize"), IdentitySource: ["route.request.header.Auth"], AuthorizerResultTtlInSeconds: 300 },
    });
    const calls = () => backend.requests.filter((request) => request.path === "/cached/authorize").length;
    const first = await openWhenReady(api.ApiId, { Auth: "alice" });
    assert.ok(first?.socket);
    assert.equal(calls(), 1);
    const second = await openClient(gateway.dataPort, api.ApiId, "prod", { headers: { Auth: "alice" } });
    assert.ok(second.socket, "the cached Allow admits the second connect");
    assert.equal(calls(), 1, "the second connect with the same identity does not call the authorizer");
    const other = await openClient(gateway.dataPort, api.ApiId, "prod", { headers: { Auth: "bob" } });
    assert.ok(other.socket);
    assert.equal(calls(), 2, "another identity calls it again");
    second.socket.send(JSON.stringify({ action: "echo" }));
    await until(() => backend.requests.find((request) => request.path === `/${api.ApiId}/echo`));
    const message = backend.requests.find((request) => request.path === `/${api.ApiId}/echo`);
    assert.equal(message.json.requestContext.authorizer.principalId, "user-alice", "a cached result still gives the connection its authorizer context");
    for (const client of [first, second, other]) {
      client.socket.close();
    }
  });

  test("with ApiKeySelectionExpression $context.authorizer.usageIdentifierKey the key comes from the $connect authorizer", async () => {
    const api = await createApi(v2, backend, {
      apiKeySelectionExpression: "$context.authorizer.usageIdentifierKey",
      connect: { ApiKeyRequired: true },
      authorizer: { Name: "keyed", AuthorizerUri: backend.url("/keyed/authorize"), IdentitySource: ["route.request.header.Auth"] },
    });
    const key = await keyInPlan(api.ApiId, { quota: { limit: 2, period: "DAY" } });
    const client = await openWhenReady(api.ApiId, { Auth: "carol", Key: key.value });
    assert.ok(client?.socket, "the authorizer's usageIdentifierKey is a key in a plan for the stage");
    const answers = [...(await burst(client, 1)), ...(await burst(client, 1))];
    assert.deepEqual(answers.map((answer) => answer.ok === true ? "ok" : answer.message), ["ok", "Limit Exceeded"], "that key's quota meters the connection");
    const without = await openClient(gateway.dataPort, api.ApiId, "prod", { headers: { Auth: "dave" } });
    assert.equal(without.status, 403, "an authorizer answer without usageIdentifierKey is refused");
    const headerOnly = await openClient(gateway.dataPort, api.ApiId, "prod", { headers: { Auth: "erin", "x-api-key": key.value } });
    assert.equal(headerOnly.status, 403, "the x-api-key header is ignored with the AUTHORIZER source");
    client.socket.close();
  });
});

describe("WebSocket messages and the account-level throttle", () => {
  let gateway;
  let v2;
  let backend;

  before(async () => {
    // A tiny account limit: API Gateway's account-level throttle counts WebSocket messages too.
    gateway = await startGateway(["--Gateway:Throttling:AccountRateLimit=1", "--Gateway:Throttling:AccountBurstLimit=3"]);
    v2 = v2Client(gateway.managementPort);
    backend = await startBackend(() => ({ status: 200, body: JSON.stringify({ ok: true }) }));
  });

  after(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  test("messages past the account-level limit get a Too Many Requests frame on a stage with no throttles of its own", async () => {
    const api = await createApi(v2, backend);
    const client = await until(async () => {
      const opened = await openClient(gateway.dataPort, api.ApiId, "prod");
      return opened.socket ? opened : undefined;
    });
    const answers = await burst(client, 12);
    const throttled = answers.filter((answer) => answer.message === "Too Many Requests");
    assert.ok(throttled.length >= 6, `most of 12 messages at once are over a 1/s, burst 3 account limit (${JSON.stringify(answers)})`);
    assert.equal(client.socket.readyState, client.socket.OPEN, "a throttled connection stays open");
    client.socket.close();
  });
});
