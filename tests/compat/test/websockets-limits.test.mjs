// WebSocket limits on the real edge, with short limits configured: the idle timeout closes a
// silent connection with 1001 (and $disconnect hears it), a message flood closes with 1008, and
// other connections are unaffected.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
} from "@aws-sdk/client-apigatewayv2";
import { startGateway } from "./gateway.mjs";
import { openClient, startBackend, until, v2Client } from "./websockets.mjs";

describe("WebSocket limits", () => {
  let gateway;
  let backend;
  let apiId;

  before(async () => {
    // The edge reads Gateway__* environment variables (ASP.NET Core configuration).
    process.env.Gateway__WebSockets__IdleTimeout = "00:00:03";
    process.env.Gateway__WebSockets__SweepInterval = "00:00:01";
    process.env.Gateway__WebSockets__MaxMessagesPerSecondPerConnection = "20";
    try {
      gateway = await startGateway();
    } finally {
      delete process.env.Gateway__WebSockets__IdleTimeout;
      delete process.env.Gateway__WebSockets__SweepInterval;
      delete process.env.Gateway__WebSockets__MaxMessagesPerSecondPerConnection;
    }
    backend = await startBackend((request) => ({ status: 200, body: request.path === "/default" ? "ok" : "" }));
    const v2 = v2Client(gateway.managementPort);
    const api = await v2.send(new CreateApiCommand({ Name: "limits", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    apiId = api.ApiId;
    for (const [routeKey, path, twoWay] of [["$disconnect", "/disconnect", false], ["$default", "/default", true]]) {
      const integration = await v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "HTTP", IntegrationUri: backend.url(path) }));
      const route = await v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, Target: `integrations/${integration.IntegrationId}` }));
      if (twoWay) {
        await v2.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseKey: "$default" }));
      }
    }
    // A MOCK route answers without a backend, so a flood is read as fast as the client sends it.
    const mock = await v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "MOCK" }));
    await v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "flood", Target: `integrations/${mock.IntegrationId}` }));
    await v2.send(new CreateStageCommand({ ApiId: apiId, StageName: "prod" }));
    await v2.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: "prod" }));
    const ready = await until(async () => {
      const client = await openClient(gateway.dataPort, apiId, "prod");
      client.socket?.close();
      return client.socket !== undefined;
    });
    assert.ok(ready, gateway.output());
  });

  after(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  test("a connection idle past the idle timeout is closed with 1001 and $disconnect hears 1001", async () => {
    const client = await openClient(gateway.dataPort, apiId, "prod");
    const closed = await Promise.race([client.closed, new Promise((resolve) => setTimeout(() => resolve(null), 30_000))]);
    assert.ok(closed, "the idle connection was never closed");
    assert.equal(closed.code, 1001);
    const disconnect = await until(() => backend.requests.find((request) => request.path === "/disconnect" && request.json.requestContext.disconnectStatusCode === 1001));
    assert.ok(disconnect, "no $disconnect with 1001");
  });

  test("a flood of messages closes that connection with 1008 while another one keeps working", async () => {
    const flooder = await openClient(gateway.dataPort, apiId, "prod");
    const bystander = await openClient(gateway.dataPort, apiId, "prod");
    for (let i = 0; i < 500; i++) {
      flooder.socket.send(`{"action":"flood","n":${i}}`);
    }
    assert.equal((await flooder.closed).code, 1008);
    bystander.socket.send("{}");
    await until(() => bystander.messages.length >= 1);
    assert.deepEqual(bystander.messages, ["ok"]);
    bystander.socket.close();
  });

  test("a frame over 32 KB closes with 1009 ($disconnect hears 1009); a 60 KB message in 30 KB frames is delivered; over 128 KB in 30 KB frames closes with 1009", async () => {
    const bigFrame = await openClient(gateway.dataPort, apiId, "prod");
    assert.ok(bigFrame.socket, "connected");
    bigFrame.socket.send(JSON.stringify({ action: "bigframe", pad: "x".repeat(40 * 1024) }));
    const closed = await bigFrame.closed;
    assert.equal(closed.code, 1009, "one 40 KB frame is over the 32 KB frame limit");
    const disconnect = await until(() => backend.requests.find((request) => request.path === "/disconnect" && request.json.requestContext.disconnectStatusCode === 1009));
    assert.ok(disconnect, "$disconnect hears 1009");
    assert.ok(!backend.requests.some((request) => request.path === "/default" && request.text.includes("bigframe")), "the oversized frame never reached an integration");

    const fragmented = await openClient(gateway.dataPort, apiId, "prod");
    const part = "y".repeat(30 * 1024);
    fragmented.socket.send(`{"action":"fragments","pad":"${part}`, { fin: false });
    fragmented.socket.send(`${part}"}`, { fin: true });
    await until(() => fragmented.messages.length >= 1);
    assert.deepEqual(fragmented.messages, ["ok"], "frames under the limit make up a message under 128 KB");
    const delivered = backend.requests.find((request) => request.path === "/default" && request.text.includes("fragments"));
    assert.equal(JSON.parse(JSON.parse(delivered.text).body).pad.length, 60 * 1024);

    for (let i = 0; i < 4; i++) {
      fragmented.socket.send("z".repeat(30 * 1024), { fin: false });
    }
    fragmented.socket.send("z".repeat(30 * 1024), { fin: true });
    assert.equal((await fragmented.closed).code, 1009, "150 KB in 30 KB frames is over the 128 KB message limit");
  });
});
