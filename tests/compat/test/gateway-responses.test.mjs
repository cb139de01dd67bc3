import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateDeploymentCommand,
  DeleteGatewayResponseCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  ImportRestApiCommand,
  PutGatewayResponseCommand,
  UpdateGatewayResponseCommand,
} from "@aws-sdk/client-api-gateway";
import { eventually, invokeWithHeaders, rejection, startGateway } from "./gateway.mjs";

const encode = (text) => new TextEncoder().encode(text);

const api = JSON.stringify({
  openapi: "3.0.1",
  info: { title: "gateway-responses", version: "1" },
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
  },
});

describe("gateway responses through the AWS SDK", () => {
  let gateway;
  let send;
  before(async () => {
    gateway = await startGateway();
    send = (command) => gateway.client.send(command);
  });
  after(async () => {
    await gateway?.stop();
  });

  test("PutGatewayResponse, GetGatewayResponse(s), UpdateGatewayResponse and DeleteGatewayResponse parse in the SDK", async () => {
    const { id: restApiId } = await send(new ImportRestApiCommand({ body: encode(api) }));

    const put = await send(new PutGatewayResponseCommand({
      restApiId, responseType: "MISSING_AUTHENTICATION_TOKEN", statusCode: "404",
      responseParameters: { "gatewayresponse.header.x-gw": "'custom'" },
      responseTemplates: { "application/json": '{"message":$context.error.messageString,"id":"$context.requestId"}' },
    }));
    const list = await send(new GetGatewayResponsesCommand({ restApiId, limit: 500 }));
    const updated = await send(new UpdateGatewayResponseCommand({
      restApiId, responseType: "THROTTLED", patchOperations: [{ op: "replace", path: "/statusCode", value: "503" }],
    }));
    await send(new DeleteGatewayResponseCommand({ restApiId, responseType: "THROTTLED" }));
    const restored = await send(new GetGatewayResponseCommand({ restApiId, responseType: "THROTTLED" }));
    const unknown = await rejection(send(new GetGatewayResponseCommand({ restApiId, responseType: "NOT_A_TYPE" })));

    assert.equal(put.$metadata.httpStatusCode, 201);
    assert.equal(put.statusCode, "404");
    assert.equal(put.defaultResponse, false);
    assert.equal(list.items.length, 21);
    assert.equal(list.items.filter((r) => !r.defaultResponse).map((r) => r.responseType).join(), "MISSING_AUTHENTICATION_TOKEN");
    assert.equal(updated.statusCode, "503");
    assert.equal(restored.defaultResponse, true);
    assert.equal(restored.statusCode, "429");
    assert.equal(unknown.name, "BadRequestException");
  });

  test("a customised response is served from the next deployment", async () => {
    const { id: restApiId } = await send(new ImportRestApiCommand({ body: encode(api) }));
    await send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    await send(new PutGatewayResponseCommand({
      restApiId, responseType: "MISSING_AUTHENTICATION_TOKEN", statusCode: "404",
      responseParameters: { "gatewayresponse.header.x-gw": "'custom'" },
      responseTemplates: { "application/json": '{"id":"$context.requestId"}' },
    }));
    const host = `${restApiId}.execute-api.localhost`;
    const served = await eventually(async () => {
      const response = await invokeWithHeaders(gateway.dataPort, host, "/prod/open", {});
      return { done: response.status === 200, response };
    });
    assert.equal(served.response.status, 200);
    const before = await invokeWithHeaders(gateway.dataPort, host, "/prod/nowhere", {});
    assert.equal(before.status, 403, "before a redeploy the default still applies");

    await send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    const custom = await eventually(async () => {
      const response = await invokeWithHeaders(gateway.dataPort, host, "/prod/nowhere", {});
      return { done: response.status === 404, response };
    });

    assert.equal(custom.response.status, 404);
    assert.equal(custom.response.headers["x-gw"], "custom");
    assert.deepEqual(JSON.parse(custom.response.body), { id: custom.response.headers["x-amzn-requestid"] });
  });
});
