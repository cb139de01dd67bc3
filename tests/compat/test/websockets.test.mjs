// WebSocket APIs on the real edge (dev mode): defined with @aws-sdk/client-apigatewayv2, used
// with `ws` clients against a real HTTP backend, and driven with @aws-sdk/client-apigatewaymanagementapi.
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
  DeleteApiCommand,
  DeleteRouteCommand,
  GetApiCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from "@aws-sdk/client-apigatewayv2";
import {
  DeleteConnectionCommand,
  GetConnectionCommand,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { adminCredentials, rejection, startGateway } from "./gateway.mjs";
import { connectionsClient, openClient, startBackend, until, v2Client } from "./websockets.mjs";

/** Creates a WebSocket API with the given routes (routeKey → { path, twoWay }) on `backend`, deployed to `prod`. */
async function createApi(v2, backend, { routeSelectionExpression, routes }) {
  const api = await v2.send(new CreateApiCommand({ Name: "chat", ProtocolType: "WEBSOCKET", RouteSelectionExpression: routeSelectionExpression }));
  for (const [routeKey, { path, twoWay, type = "HTTP" }] of Object.entries(routes)) {
    const integration = await v2.send(new CreateIntegrationCommand({
      ApiId: api.ApiId, IntegrationType: type, IntegrationUri: type === "MOCK" ? undefined : backend.url(path), IntegrationMethod: type === "MOCK" ? undefined : "POST",
    }));
    const route = await v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: routeKey, Target: `integrations/${integration.IntegrationId}` }));
    if (twoWay) {
      await v2.send(new CreateRouteResponseCommand({ ApiId: api.ApiId, RouteId: route.RouteId, RouteResponseKey: "$default" }));
    }
  }
  await v2.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: "prod" }));
  await v2.send(new CreateDeploymentCommand({ ApiId: api.ApiId, StageName: "prod" }));
  return api;
}

describe("WebSocket APIs", () => {
  let gateway;
  let v2;
  let backend;
  let api;
  let bare;
  let manager;

  before(async () => {
    gateway = await startGateway();
    v2 = v2Client(gateway.managementPort);
    backend = await startBackend((request) => {
      if (request.path === "/connect" && request.json?.headers?.["x-deny"]) {
        return { status: 403 };
      }
      if (request.path === "/authorize") {
        const allowed = request.json.headers.Auth === "letmein" || request.json.headers.auth === "letmein";
        return {
          status: 200,
          body: JSON.stringify({
            principalId: "user-1",
            policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: allowed ? "Allow" : "Deny", Resource: request.json.methodArn }] },
            context: { tier: "gold" },
          }),
        };
      }
      if (request.path === "/echo") {
        return { status: 200, body: JSON.stringify({ echoed: JSON.parse(request.json.body) }) };
      }
      if (request.path === "/broken") {
        return { status: 502 };
      }
      return { status: 200, body: "ignored by one-way routes" };
    });
    api = await createApi(v2, backend, {
      routeSelectionExpression: "$request.body.action",
      routes: {
        $connect: { path: "/connect" },
        $disconnect: { path: "/disconnect" },
        $default: { path: "/default", twoWay: true },
        echo: { path: "/echo", twoWay: true },
        oneway: { path: "/oneway" },
        broken: { path: "/broken", twoWay: true },
      },
    });
    bare = await createApi(v2, backend, {
      routeSelectionExpression: "${request.body.meta.kind}",
      routes: { chat: { path: "/chat", twoWay: true } },
    });
    const iam = new IAMClient({ endpoint: `http://127.0.0.1:${gateway.managementPort}`, region: "us-east-1", credentials: { ...adminCredentials }, maxAttempts: 1 });
    await iam.send(new CreateUserCommand({ UserName: "pusher" }));
    await iam.send(new PutUserPolicyCommand({
      UserName: "pusher",
      PolicyName: "manage",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "execute-api:ManageConnections", Resource: `arn:aws:execute-api:*:*:${api.ApiId}/prod/*` }],
      }),
    }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "pusher" }));
    manager = connectionsClient(api.ApiId, "prod", gateway.dataPort, { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey });
    // Deployments reach the edge asynchronously.
    const ready = await until(async () => {
      const client = await openClient(gateway.dataPort, api.ApiId, "prod");
      client.socket?.close();
      return client.socket !== undefined;
    });
    assert.ok(ready, `the deployed API never accepted a connection; output:\n${gateway.output()}`);
  });

  after(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  test("management API answers in apigatewayv2 shapes", async () => {
    const got = await v2.send(new GetApiCommand({ ApiId: api.ApiId }));
    assert.equal(got.ProtocolType, "WEBSOCKET");
    assert.equal(got.RouteSelectionExpression, "$request.body.action");
    assert.equal(got.ApiKeySelectionExpression, "$request.header.x-api-key");
    assert.match(got.ApiEndpoint, new RegExp(`^wss://${api.ApiId}\\.execute-api\\.`));
    const apis = await v2.send(new GetApisCommand({}));
    assert.ok(apis.Items.some((item) => item.ApiId === api.ApiId));
    const routes = await v2.send(new GetRoutesCommand({ ApiId: api.ApiId }));
    assert.deepEqual(routes.Items.map((route) => route.RouteKey).sort(), ["$connect", "$default", "$disconnect", "broken", "echo", "oneway"]);
    const integrations = await v2.send(new GetIntegrationsCommand({ ApiId: api.ApiId }));
    assert.equal(integrations.Items.length, 6);
    assert.ok(integrations.Items.every((integration) => integration.IntegrationType === "HTTP"));
    const stages = await v2.send(new GetStagesCommand({ ApiId: api.ApiId }));
    assert.equal(stages.Items[0].StageName, "prod");
    assert.ok(stages.Items[0].DeploymentId);
  });

  test("bad management input is a 400 BadRequestException, unknown ids a 404 NotFoundException", async () => {
    const badExpression = await rejection(v2.send(new CreateApiCommand({ Name: "x", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "action" })));
    assert.equal(badExpression.name, "BadRequestException");
    assert.equal(badExpression.$metadata.httpStatusCode, 400);
    const httpApi = await rejection(v2.send(new CreateApiCommand({ Name: "x", ProtocolType: "HTTP" })));
    assert.equal(httpApi.name, "BadRequestException");
    const badIntegration = await rejection(v2.send(new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "HTTP", IntegrationUri: "not a url" })));
    assert.equal(badIntegration.name, "BadRequestException");
    const missing = await rejection(v2.send(new GetApiCommand({ ApiId: "nosuchapi1" })));
    assert.equal(missing.name, "NotFoundException");
    assert.equal(missing.$metadata.httpStatusCode, 404);
    const missingRoute = await rejection(v2.send(new DeleteRouteCommand({ ApiId: api.ApiId, RouteId: "nosuch" })));
    assert.equal(missingRoute.name, "NotFoundException");
    const duplicate = await rejection(v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "echo" })));
    assert.equal(duplicate.name, "ConflictException");
    const reserved = await rejection(v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "$other" })));
    assert.equal(reserved.name, "BadRequestException");
  });

  test("a $connect integration that answers 403 refuses the upgrade with 403", async () => {
    const refused = await openClient(gateway.dataPort, api.ApiId, "prod", { headers: { "x-deny": "1" } });
    assert.equal(refused.status, 403);
  });

  test("an unknown stage refuses the upgrade with 403", async () => {
    const refused = await openClient(gateway.dataPort, api.ApiId, "nostage");
    assert.equal(refused.status, 403);
  });

  test("$connect receives the handshake's headers, query and request context", async () => {
    const before = backend.requests.length;
    const client = await openClient(gateway.dataPort, api.ApiId, "prod", { path: "/prod?room=blue", headers: { "x-client": "compat" } });
    assert.ok(client.socket);
    const connect = backend.requests.slice(before).find((request) => request.path === "/connect");
    assert.equal(connect.method, "POST");
    const context = connect.json.requestContext;
    assert.equal(context.eventType, "CONNECT");
    assert.equal(context.routeKey, "$connect");
    assert.equal(context.stage, "prod");
    assert.equal(context.apiId, api.ApiId);
    assert.equal(context.domainName, `${api.ApiId}.execute-api.localhost`);
    assert.equal(context.identity.sourceIp, "127.0.0.1");
    assert.match(context.connectionId, /^[A-Za-z0-9_-]{16}$/);
    assert.equal(typeof context.connectedAt, "number");
    assert.equal(connect.json.headers["x-client"], "compat");
    assert.equal(connect.json.queryStringParameters.room, "blue");
    client.socket.close();
  });

  test("a message is routed by $request.body.action and a two-way route sends the integration's answer back", async () => {
    const client = await openClient(gateway.dataPort, api.ApiId, "prod");
    const before = backend.requests.length;
    client.socket.send(JSON.stringify({ action: "echo", text: "hello" }));
    await until(() => client.messages.length >= 1);
    assert.deepEqual(JSON.parse(client.messages[0]), { echoed: { action: "echo", text: "hello" } });
    const call = backend.requests.slice(before).find((request) => request.path === "/echo");
    const context = call.json.requestContext;
    assert.equal(context.eventType, "MESSAGE");
    assert.equal(context.routeKey, "echo");
    assert.ok(context.messageId);
    assert.ok(context.requestId);
    assert.equal(context.identity.sourceIp, "127.0.0.1");
    client.socket.close();
  });

  test("a one-way route sends nothing back; non-JSON and unknown actions go to $default", async () => {
    const client = await openClient(gateway.dataPort, api.ApiId, "prod");
    const before = backend.requests.length;
    client.socket.send(JSON.stringify({ action: "oneway" }));
    client.socket.send("not json at all");
    client.socket.send(JSON.stringify({ action: "nosuchroute" }));
    await until(() => backend.requests.slice(before).filter((request) => request.path === "/default").length >= 2);
    const calls = backend.requests.slice(before);
    assert.equal(calls.filter((request) => request.path === "/oneway").length, 1);
    const defaults = calls.filter((request) => request.path === "/default");
    assert.deepEqual(defaults.map((request) => request.json.requestContext.routeKey), ["$default", "$default"]);
    assert.equal(defaults[0].json.body, "not json at all");
    await until(() => client.messages.length >= 2);
    // Only the two $default answers (two-way) came back, not the one-way route's.
    assert.deepEqual(client.messages, ["ignored by one-way routes", "ignored by one-way routes"]);
    client.socket.close();
  });

  test("nested selection paths route, and with no $default an unmatched message gets API Gateway's Forbidden frame", async () => {
    const client = await openClient(gateway.dataPort, bare.ApiId, "prod");
    assert.ok(client.socket, "connected to the API without $connect");
    client.socket.send(JSON.stringify({ meta: { kind: "chat" } }));
    client.socket.send(JSON.stringify({ meta: { kind: "other" } }));
    await until(() => client.messages.length >= 2);
    assert.equal(client.messages[0], "ignored by one-way routes");
    const frame = JSON.parse(client.messages[1]);
    assert.equal(frame.message, "Forbidden");
    assert.ok(frame.connectionId);
    assert.ok(frame.requestId);
    client.socket.close();
  });

  test("a failing integration sends an Internal server error frame and the connection stays open", async () => {
    const client = await openClient(gateway.dataPort, api.ApiId, "prod");
    client.socket.send(JSON.stringify({ action: "broken" }));
    await until(() => client.messages.length >= 1);
    assert.equal(JSON.parse(client.messages[0]).message, "Internal server error");
    client.socket.send(JSON.stringify({ action: "echo", n: 2 }));
    await until(() => client.messages.length >= 2);
    assert.deepEqual(JSON.parse(client.messages[1]), { echoed: { action: "echo", n: 2 } });
    client.socket.close();
  });

  test("a message over 128 KB closes the connection with 1009, binary frames with 1003, and others stay open", async () => {
    const bystander = await openClient(gateway.dataPort, api.ApiId, "prod");
    const big = await openClient(gateway.dataPort, api.ApiId, "prod");
    big.socket.send("x".repeat(129 * 1024));
    assert.equal((await big.closed).code, 1009);
    const binary = await openClient(gateway.dataPort, api.ApiId, "prod");
    binary.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    assert.equal((await binary.closed).code, 1003);
    bystander.socket.send(JSON.stringify({ action: "echo", still: "here" }));
    await until(() => bystander.messages.length >= 1);
    assert.deepEqual(JSON.parse(bystander.messages[0]), { echoed: { action: "echo", still: "here" } });
    bystander.socket.close();
  });

  test("$disconnect is called with the close code and reason", async () => {
    const client = await openClient(gateway.dataPort, api.ApiId, "prod");
    const before = backend.requests.length;
    client.socket.close(4000, "bye now");
    const disconnect = await until(() => backend.requests.slice(before).find((request) => request.path === "/disconnect"));
    const context = disconnect.json.requestContext;
    assert.equal(context.eventType, "DISCONNECT");
    assert.equal(context.routeKey, "$disconnect");
    assert.equal(context.disconnectStatusCode, 4000);
    assert.equal(context.disconnectReason, "bye now");
  });

  test("@connections posts to, describes and closes a connection; afterwards it is 410 GoneException", async () => {
    const before = backend.requests.length;
    const client = await openClient(gateway.dataPort, api.ApiId, "prod");
    const connect = await until(() => backend.requests.slice(before).find((request) => request.path === "/connect"));
    const connectionId = connect.json.requestContext.connectionId;

    await manager.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from("pushed!") }));
    await until(() => client.messages.includes("pushed!"));
    assert.deepEqual(client.messages, ["pushed!"]);

    const described = await manager.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    assert.equal(described.Identity.SourceIp, "127.0.0.1");
    assert.ok(described.ConnectedAt instanceof Date);
    assert.ok(described.LastActiveAt instanceof Date);

    await manager.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    assert.equal((await client.closed).code, 1000);

    const gone = await rejection(manager.send(new GetConnectionCommand({ ConnectionId: connectionId })));
    assert.equal(gone.name, "GoneException");
    assert.equal(gone.$metadata.httpStatusCode, 410);
    const goneNever = await rejection(manager.send(new PostToConnectionCommand({ ConnectionId: "AAEAAAAAAAAAAAAA", Data: Buffer.from("x") })));
    assert.equal(goneNever.name, "GoneException");
  });

  test("@connections refuses callers without ManageConnections permission with 403", async () => {
    const client = await openClient(gateway.dataPort, api.ApiId, "prod");
    const admin = connectionsClient(api.ApiId, "prod", gateway.dataPort, { accessKeyId: "AKIDNOSUCHKEY0000001", secretAccessKey: "wrong" });
    const refused = await rejection(admin.send(new PostToConnectionCommand({ ConnectionId: "AAEAAAAAAAAAAAAA", Data: Buffer.from("x") })));
    assert.equal(refused.$metadata.httpStatusCode, 403);
    assert.equal(refused.name, "ForbiddenException");
    client.socket.close();
  });

  test("a REQUEST authorizer on $connect: no identity 401, denied 403, allowed connects and its context reaches every integration", async () => {
    const guarded = await v2.send(new CreateApiCommand({ Name: "guarded", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    const authorizer = await v2.send(new CreateAuthorizerCommand({
      ApiId: guarded.ApiId, Name: "gate", AuthorizerType: "REQUEST", AuthorizerUri: backend.url("/authorize"), IdentitySource: ["route.request.header.Auth"],
    }));
    assert.deepEqual(authorizer.IdentitySource, ["route.request.header.Auth"]);
    for (const [routeKey, path, extra] of [["$connect", "/guarded-connect", { AuthorizationType: "CUSTOM", AuthorizerId: authorizer.AuthorizerId }], ["$default", "/guarded-default", {}]]) {
      const integration = await v2.send(new CreateIntegrationCommand({ ApiId: guarded.ApiId, IntegrationType: "HTTP", IntegrationUri: backend.url(path) }));
      await v2.send(new CreateRouteCommand({ ApiId: guarded.ApiId, RouteKey: routeKey, Target: `integrations/${integration.IntegrationId}`, ...extra }));
    }
    await v2.send(new CreateStageCommand({ ApiId: guarded.ApiId, StageName: "prod" }));
    await v2.send(new CreateDeploymentCommand({ ApiId: guarded.ApiId, StageName: "prod" }));

    const anonymous = await until(async () => {
      const attempt = await openClient(gateway.dataPort, guarded.ApiId, "prod");
      attempt.socket?.close();
      return attempt.status === 401 ? attempt : undefined;
    });
    assert.equal(anonymous?.status, 401, "a $connect without the identity source is refused 401");
    const denied = await openClient(gateway.dataPort, guarded.ApiId, "prod", { headers: { Auth: "wrong" } });
    assert.equal(denied.status, 403);

    const before = backend.requests.length;
    const allowed = await openClient(gateway.dataPort, guarded.ApiId, "prod", { headers: { Auth: "letmein" } });
    assert.ok(allowed.socket, "the allowed client connected");
    allowed.socket.send("hello");
    const message = await until(() => backend.requests.slice(before).find((request) => request.path === "/guarded-default"));
    const connect = backend.requests.slice(before).find((request) => request.path === "/guarded-connect");
    for (const call of [connect, message]) {
      assert.equal(call.json.requestContext.authorizer.principalId, "user-1");
      assert.equal(call.json.requestContext.authorizer.tier, "gold");
    }
    const authorizerCall = backend.requests.slice(before).find((request) => request.path === "/authorize");
    assert.equal(authorizerCall.json.type, "REQUEST");
    assert.match(authorizerCall.json.methodArn, new RegExp(`:${guarded.ApiId}/prod/\\$connect$`));
    allowed.socket.close();
  });

  test("a deleted API stops accepting connections", async () => {
    const doomed = await createApi(v2, backend, { routeSelectionExpression: "$request.body.action", routes: { $default: { path: "/default", type: "MOCK" } } });
    const opened = await until(async () => {
      const client = await openClient(gateway.dataPort, doomed.ApiId, "prod");
      client.socket?.close();
      return client.socket !== undefined;
    });
    assert.ok(opened);
    await v2.send(new DeleteApiCommand({ ApiId: doomed.ApiId }));
    const refused = await until(async () => {
      const client = await openClient(gateway.dataPort, doomed.ApiId, "prod");
      client.socket?.close();
      return client.socket === undefined;
    });
    assert.ok(refused);
    const missing = await rejection(v2.send(new GetApiCommand({ ApiId: doomed.ApiId })));
    assert.equal(missing.name, "NotFoundException");
  });
});
