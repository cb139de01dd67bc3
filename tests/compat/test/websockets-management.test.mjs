// The apigatewayv2 management operations beyond create/list, with @aws-sdk/client-apigatewayv2
// against the real edge (dev mode): get/update/delete of APIs, routes, integrations, route
// responses, stages, deployments and authorizers, and ImportApi/ReimportApi's 400.
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
  DeleteAuthorizerCommand,
  DeleteDeploymentCommand,
  DeleteIntegrationCommand,
  DeleteRouteResponseCommand,
  DeleteStageCommand,
  GetApiCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetRouteCommand,
  GetRouteResponsesCommand,
  GetStageCommand,
  GetStagesCommand,
  ImportApiCommand,
  ReimportApiCommand,
  UpdateApiCommand,
  UpdateAuthorizerCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-apigatewayv2";
import { rejection, startGateway } from "./gateway.mjs";
import { openClient, startBackend, until, v2Client } from "./websockets.mjs";

describe("WebSocket API management (apigatewayv2)", () => {
  let gateway;
  let v2;
  let backend;

  before(async () => {
    gateway = await startGateway();
    v2 = v2Client(gateway.managementPort);
    backend = await startBackend((request) => ({ status: 200, body: JSON.stringify({ from: request.path }) }));
  });

  after(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  test("UpdateApi changes name, description and selection expressions; GetApi reads them back", async () => {
    const api = await v2.send(new CreateApiCommand({ Name: "before", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    const updated = await v2.send(new UpdateApiCommand({
      ApiId: api.ApiId, Name: "after", Description: "changed", RouteSelectionExpression: "$request.body.type",
      ApiKeySelectionExpression: "$context.authorizer.usageIdentifierKey",
    }));
    assert.equal(updated.Name, "after");
    const got = await v2.send(new GetApiCommand({ ApiId: api.ApiId }));
    assert.deepEqual([got.Name, got.Description, got.RouteSelectionExpression, got.ApiKeySelectionExpression],
      ["after", "changed", "$request.body.type", "$context.authorizer.usageIdentifierKey"]);
    assert.equal(got.CreatedDate.getTime(), api.CreatedDate.getTime());
    const bad = await rejection(v2.send(new UpdateApiCommand({ ApiId: api.ApiId, RouteSelectionExpression: "type" })));
    assert.equal(bad.name, "BadRequestException");
    const unknown = await rejection(v2.send(new UpdateApiCommand({ ApiId: "nosuchapi0", Name: "x" })));
    assert.equal(unknown.name, "NotFoundException");
  });

  test("GetRoute, UpdateRoute and the routes' integrations: GetIntegration, UpdateIntegration, DeleteIntegration", async () => {
    const api = await v2.send(new CreateApiCommand({ Name: "routes", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    const first = await v2.send(new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "HTTP", IntegrationUri: backend.url("/first") }));
    const second = await v2.send(new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "HTTP", IntegrationUri: backend.url("/second") }));
    const route = await v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "ping", Target: `integrations/${first.IntegrationId}` }));
    assert.equal((await v2.send(new GetRouteCommand({ ApiId: api.ApiId, RouteId: route.RouteId }))).RouteKey, "ping");

    const moved = await v2.send(new UpdateRouteCommand({ ApiId: api.ApiId, RouteId: route.RouteId, RouteKey: "pong", Target: `integrations/${second.IntegrationId}` }));
    assert.deepEqual([moved.RouteKey, moved.Target], ["pong", `integrations/${second.IntegrationId}`]);
    const got = await v2.send(new GetRouteCommand({ ApiId: api.ApiId, RouteId: route.RouteId }));
    assert.equal(got.RouteKey, "pong");
    const badKey = await rejection(v2.send(new UpdateRouteCommand({ ApiId: api.ApiId, RouteId: route.RouteId, RouteKey: "$custom" })));
    assert.equal(badKey.name, "BadRequestException");
    const badTarget = await rejection(v2.send(new UpdateRouteCommand({ ApiId: api.ApiId, RouteId: route.RouteId, Target: "integrations/nosuch" })));
    assert.equal(badTarget.name, "BadRequestException");
    const other = await v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "other" }));
    const taken = await rejection(v2.send(new UpdateRouteCommand({ ApiId: api.ApiId, RouteId: other.RouteId, RouteKey: "pong" })));
    assert.equal(taken.name, "ConflictException");
    const missing = await rejection(v2.send(new GetRouteCommand({ ApiId: api.ApiId, RouteId: "nosuchroute" })));
    assert.equal(missing.name, "NotFoundException");

    const integration = await v2.send(new GetIntegrationCommand({ ApiId: api.ApiId, IntegrationId: first.IntegrationId }));
    assert.equal(integration.IntegrationUri, backend.url("/first"));
    const changed = await v2.send(new UpdateIntegrationCommand({ ApiId: api.ApiId, IntegrationId: first.IntegrationId, IntegrationUri: backend.url("/changed"), TimeoutInMillis: 5000 }));
    assert.deepEqual([changed.IntegrationUri, changed.TimeoutInMillis, changed.IntegrationType], [backend.url("/changed"), 5000, "HTTP"]);
    const badTimeout = await rejection(v2.send(new UpdateIntegrationCommand({ ApiId: api.ApiId, IntegrationId: first.IntegrationId, TimeoutInMillis: 10 })));
    assert.equal(badTimeout.name, "BadRequestException");
    const inUse = await rejection(v2.send(new DeleteIntegrationCommand({ ApiId: api.ApiId, IntegrationId: second.IntegrationId })));
    assert.equal(inUse.name, "ConflictException", "an integration a route targets cannot be deleted");
    await v2.send(new DeleteIntegrationCommand({ ApiId: api.ApiId, IntegrationId: first.IntegrationId }));
    const gone = await rejection(v2.send(new GetIntegrationCommand({ ApiId: api.ApiId, IntegrationId: first.IntegrationId })));
    assert.equal(gone.name, "NotFoundException");
  });

  test("DeleteRouteResponse makes a two-way route one-way again at the next deployment", async () => {
    const api = await v2.send(new CreateApiCommand({ Name: "twoway", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    const integration = await v2.send(new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "HTTP", IntegrationUri: backend.url("/answer") }));
    const route = await v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "$default", Target: `integrations/${integration.IntegrationId}` }));
    const response = await v2.send(new CreateRouteResponseCommand({ ApiId: api.ApiId, RouteId: route.RouteId, RouteResponseKey: "$default" }));
    await v2.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: "prod" }));
    await v2.send(new CreateDeploymentCommand({ ApiId: api.ApiId, StageName: "prod" }));
    const client = await until(async () => {
      const attempt = await openClient(gateway.dataPort, api.ApiId, "prod");
      return attempt.socket ? attempt : undefined;
    });
    client.socket.send("hello");
    await until(() => client.messages.length === 1);
    assert.deepEqual(JSON.parse(client.messages[0]), { from: "/answer" });

    await v2.send(new DeleteRouteResponseCommand({ ApiId: api.ApiId, RouteId: route.RouteId, RouteResponseId: response.RouteResponseId }));
    assert.deepEqual((await v2.send(new GetRouteResponsesCommand({ ApiId: api.ApiId, RouteId: route.RouteId }))).Items, []);
    const missing = await rejection(v2.send(new DeleteRouteResponseCommand({ ApiId: api.ApiId, RouteId: route.RouteId, RouteResponseId: response.RouteResponseId })));
    assert.equal(missing.name, "NotFoundException");
    await v2.send(new CreateDeploymentCommand({ ApiId: api.ApiId, StageName: "prod" }));
    const oneWay = await until(async () => {
      const attempt = await openClient(gateway.dataPort, api.ApiId, "prod");
      const before = backend.requests.length;
      attempt.socket.send("hello");
      await until(() => backend.requests.length > before);
      await new Promise((resolve) => setTimeout(resolve, 300));
      attempt.socket.close();
      return attempt.messages.length === 0 ? attempt : undefined;
    }, 30_000);
    assert.ok(oneWay, "after the redeployment the route sends nothing back");
    client.socket.close();
  });

  test("stages and deployments: GetStage(s), UpdateStage, DeleteStage, GetDeployment(s), DeleteDeployment", async () => {
    const api = await v2.send(new CreateApiCommand({ Name: "stages", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    await v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "$default", Target: `integrations/${(await v2.send(new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "MOCK" }))).IntegrationId}` }));
    const first = await v2.send(new CreateDeploymentCommand({ ApiId: api.ApiId, Description: "first" }));
    const second = await v2.send(new CreateDeploymentCommand({ ApiId: api.ApiId, Description: "second" }));
    await v2.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: "prod", DeploymentId: first.DeploymentId }));
    await v2.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: "beta", DeploymentId: first.DeploymentId }));
    assert.deepEqual((await v2.send(new GetStagesCommand({ ApiId: api.ApiId }))).Items.map((stage) => stage.StageName), ["beta", "prod"]);
    assert.equal((await v2.send(new GetDeploymentCommand({ ApiId: api.ApiId, DeploymentId: second.DeploymentId }))).Description, "second");
    assert.equal((await v2.send(new GetDeploymentsCommand({ ApiId: api.ApiId }))).Items.length, 2);

    const updated = await v2.send(new UpdateStageCommand({
      ApiId: api.ApiId, StageName: "prod", DeploymentId: second.DeploymentId, Description: "live", StageVariables: { color: "blue" },
      AccessLogSettings: { DestinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:ws-access", Format: "$context.requestId $context.eventType" },
    }));
    assert.deepEqual([updated.DeploymentId, updated.Description, updated.StageVariables.color], [second.DeploymentId, "live", "blue"]);
    const stage = await v2.send(new GetStageCommand({ ApiId: api.ApiId, StageName: "prod" }));
    assert.equal(stage.AccessLogSettings.Format, "$context.requestId $context.eventType");
    const badFormat = await rejection(v2.send(new UpdateStageCommand({ ApiId: api.ApiId, StageName: "prod", AccessLogSettings: { DestinationArn: "arn:aws:logs:us-east-1:1:log-group:x", Format: "$context.eventType" } })));
    assert.equal(badFormat.name, "BadRequestException");
    const badDeployment = await rejection(v2.send(new UpdateStageCommand({ ApiId: api.ApiId, StageName: "prod", DeploymentId: "nosuchdeployment" })));
    assert.equal(badDeployment.name, "NotFoundException");

    const inUse = await rejection(v2.send(new DeleteDeploymentCommand({ ApiId: api.ApiId, DeploymentId: first.DeploymentId })));
    assert.equal(inUse.name, "BadRequestException", "beta still points at the first deployment");
    await v2.send(new DeleteStageCommand({ ApiId: api.ApiId, StageName: "beta" }));
    await v2.send(new DeleteDeploymentCommand({ ApiId: api.ApiId, DeploymentId: first.DeploymentId }));
    const gone = await rejection(v2.send(new GetDeploymentCommand({ ApiId: api.ApiId, DeploymentId: first.DeploymentId })));
    assert.equal(gone.name, "NotFoundException");
    const stageGone = await rejection(v2.send(new GetStageCommand({ ApiId: api.ApiId, StageName: "beta" })));
    assert.equal(stageGone.name, "NotFoundException");

    const served = await until(async () => {
      const attempt = await openClient(gateway.dataPort, api.ApiId, "prod");
      attempt.socket?.close();
      return attempt.socket ? attempt : undefined;
    });
    assert.ok(served, "prod is served");
    await v2.send(new DeleteStageCommand({ ApiId: api.ApiId, StageName: "prod" }));
    const refused = await until(async () => {
      const attempt = await openClient(gateway.dataPort, api.ApiId, "prod");
      attempt.socket?.close();
      return attempt.status === 403 ? attempt : undefined;
    });
    assert.equal(refused?.status, 403, "a deleted stage stops accepting connections");
  });

  test("GetAuthorizer, UpdateAuthorizer and DeleteAuthorizer (refused while a route uses it)", async () => {
    const api = await v2.send(new CreateApiCommand({ Name: "auth", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    const authorizer = await v2.send(new CreateAuthorizerCommand({
      ApiId: api.ApiId, Name: "gate", AuthorizerType: "REQUEST", AuthorizerUri: backend.url("/authorize"), IdentitySource: ["route.request.header.Auth"],
    }));
    assert.equal((await v2.send(new GetAuthorizerCommand({ ApiId: api.ApiId, AuthorizerId: authorizer.AuthorizerId }))).Name, "gate");
    const updated = await v2.send(new UpdateAuthorizerCommand({
      ApiId: api.ApiId, AuthorizerId: authorizer.AuthorizerId, Name: "gate2", IdentitySource: ["route.request.querystring.token"], AuthorizerResultTtlInSeconds: 60,
    }));
    assert.deepEqual([updated.Name, updated.IdentitySource, updated.AuthorizerResultTtlInSeconds], ["gate2", ["route.request.querystring.token"], 60]);
    const badSource = await rejection(v2.send(new UpdateAuthorizerCommand({ ApiId: api.ApiId, AuthorizerId: authorizer.AuthorizerId, IdentitySource: ["method.request.header.X"] })));
    assert.equal(badSource.name, "BadRequestException");
    const route = await v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "$connect", AuthorizationType: "CUSTOM", AuthorizerId: authorizer.AuthorizerId }));
    const inUse = await rejection(v2.send(new DeleteAuthorizerCommand({ ApiId: api.ApiId, AuthorizerId: authorizer.AuthorizerId })));
    assert.equal(inUse.name, "ConflictException");
    const open = await v2.send(new UpdateRouteCommand({ ApiId: api.ApiId, RouteId: route.RouteId, AuthorizationType: "NONE" }));
    assert.equal(open.AuthorizerId, undefined, "a route that is no longer CUSTOM names no authorizer");
    await v2.send(new DeleteAuthorizerCommand({ ApiId: api.ApiId, AuthorizerId: authorizer.AuthorizerId }));
    assert.deepEqual((await v2.send(new GetAuthorizersCommand({ ApiId: api.ApiId }))).Items, []);
  });

  test("ImportApi and ReimportApi answer BadRequestException: OpenAPI import is for HTTP APIs only", async () => {
    const openApi = JSON.stringify({ openapi: "3.0.1", info: { title: "x", version: "1" }, paths: {} });
    const imported = await rejection(v2.send(new ImportApiCommand({ Body: openApi })));
    assert.equal(imported.name, "BadRequestException");
    assert.equal(imported.$metadata.httpStatusCode, 400);
    const api = await v2.send(new CreateApiCommand({ Name: "noimport", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
    const reimported = await rejection(v2.send(new ReimportApiCommand({ ApiId: api.ApiId, Body: openApi })));
    assert.equal(reimported.name, "BadRequestException");
    const unknown = await rejection(v2.send(new ReimportApiCommand({ ApiId: "nosuchapi0", Body: openApi })));
    assert.equal(unknown.name, "NotFoundException");
  });
});
