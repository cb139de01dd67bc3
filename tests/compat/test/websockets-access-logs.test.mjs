// Access logs of WebSocket stages (apigatewayv2 AccessLogSettings) on the real edge (dev mode): one
// line per $connect, message and $disconnect, written by the gateway's access-log writer to a file destination.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-apigatewayv2";
import { startGateway } from "./gateway.mjs";
import { openClient, startBackend, until, v2Client } from "./websockets.mjs";

describe("WebSocket stage access logs", () => {
  let gateway;
  let v2;
  let backend;
  let directory;
  let logFile;

  before(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "ws-access-"));
    logFile = path.join(directory, "ws.log");
    gateway = await startGateway([`--Gateway:AccessLogs:Destinations:ws-access=file:${logFile}`]);
    v2 = v2Client(gateway.managementPort);
    backend = await startBackend((request) => {
      if (request.path === "/connect" && request.json?.headers?.["x-deny"]) {
        return { status: 403 };
      }
      if (request.path === "/broken") {
        return { status: 502 };
      }
      return { status: 200, body: JSON.stringify({ ok: true }) };
    });
  });

  after(async () => {
    await gateway?.stop();
    await backend?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  const lines = async () => {
    try {
      return (await readFile(logFile, "utf8")).split("\n").filter((line) => line.length > 0).map((line) => JSON.parse(line));
    } catch {
      return [];
    }
  };

  test("a connect, each message and the disconnect write one line each with the WebSocket $context variables; a refused connect writes its status", async () => {
    const api = await v2.send(new CreateApiCommand({ Name: "logged", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    for (const [routeKey, target] of [["$connect", "/connect"], ["$disconnect", "/disconnect"], ["$default", "/default"], ["broken", "/broken"]]) {
      const integration = await v2.send(new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "HTTP", IntegrationUri: backend.url(target) }));
      const route = await v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: routeKey, Target: `integrations/${integration.IntegrationId}` }));
      if (routeKey === "$default") {
        await v2.send(new CreateRouteResponseCommand({ ApiId: api.ApiId, RouteId: route.RouteId, RouteResponseKey: "$default" }));
      }
    }
    await v2.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: "prod" }));
    await v2.send(new CreateDeploymentCommand({ ApiId: api.ApiId, StageName: "prod" }));
    // Set after the deployment: stage settings apply without a redeployment.
    await v2.send(new UpdateStageCommand({
      ApiId: api.ApiId, StageName: "prod",
      AccessLogSettings: {
        DestinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:ws-access",
        Format: '{"requestId":"$context.requestId","connectionId":"$context.connectionId","eventType":"$context.eventType","routeKey":"$context.routeKey","messageId":"$context.messageId","status":"$context.status","ip":"$context.identity.sourceIp","stage":"$context.stage"}',
      },
    }));
    const client = await until(async () => {
      const attempt = await openClient(gateway.dataPort, api.ApiId, "prod");
      if (!attempt.socket) {
        return undefined;
      }
      if ((await until(async () => (await lines()).length > 0, 2_000)) === false) {
        // Connected before the access-log settings reached the edge: try again.
        attempt.socket.close();
        return undefined;
      }
      return attempt;
    }, 30_000);
    assert.ok(client?.socket, `a line was written for a connect; output:\n${gateway.output()}`);
    await until(async () => (await lines()).length > 0);
    const connectionId = (await lines()).at(-1).connectionId;

    client.socket.send("hello");
    await until(() => client.messages.length === 1);
    client.socket.send(JSON.stringify({ action: "broken" }));
    await until(() => client.messages.length === 2);
    client.socket.close(1000);
    const mine = await until(async () => {
      const found = (await lines()).filter((line) => line.connectionId === connectionId);
      return found.length >= 4 ? found : undefined;
    });
    assert.deepEqual(mine.map((line) => [line.eventType, line.routeKey, line.status]), [
      ["CONNECT", "$connect", "200"],
      ["MESSAGE", "$default", "200"],
      ["MESSAGE", "broken", "500"],
      ["DISCONNECT", "$disconnect", "200"],
    ]);
    assert.ok(mine.every((line) => line.stage === "prod" && line.ip === "127.0.0.1" && /^[0-9a-f-]{36}$/.test(line.requestId)));
    assert.equal(mine[0].messageId, "-", "only messages have a messageId");
    assert.notEqual(mine[1].messageId, "-");
    assert.notEqual(mine[1].messageId, mine[2].messageId);

    const refused = await openClient(gateway.dataPort, api.ApiId, "prod", { headers: { "x-deny": "1" } });
    assert.equal(refused.status, 403);
    const refusal = await until(async () => (await lines()).find((line) => line.eventType === "CONNECT" && line.status === "403"));
    assert.ok(refusal, "the refused connect has its line with the status it was refused with");
  });
});
