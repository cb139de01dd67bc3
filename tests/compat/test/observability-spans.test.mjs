// Authorizer spans in the caller's trace: a TOKEN and a REQUEST Lambda-style authorizer (node functions
// on loopback) and a JWT authorizer (a real OpenID provider) each produce an `authorizer` span whose
// trace id is the one of the caller's traceparent, exported over OTLP/HTTP to a node collector that
// decodes the protobuf; the integration span of the same request is in the same trace.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { randomBytes } from "node:crypto";
import { CreateDeploymentCommand, ImportRestApiCommand } from "@aws-sdk/client-api-gateway";
import { eventually, freePort, invokeWithHeaders, startGateway } from "./gateway.mjs";
import { audience, startOidcProvider } from "./oidc.mjs";
import { decodeTracesExport } from "./observability-otlp.mjs";

async function listen(handler) {
  const server = http.createServer(handler);
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { server, port, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("authorizer spans carry the caller's trace", () => {
  let gateway;
  let collector;
  let fn;
  let backend;
  let idp;
  let host;
  const traceBodies = [];

  before(async () => {
    collector = await listen((request, response) => {
      const chunks = [];
      request.on("data", (chunk) => chunks.push(chunk));
      request.on("end", () => {
        if (request.url === "/v1/traces") {
          traceBodies.push(Buffer.concat(chunks));
        }
        response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
      });
    });
    // Allows every caller: TOKEN and REQUEST events both carry methodArn.
    fn = await listen(async (request, response) => {
      let body = "";
      for await (const chunk of request) body += chunk;
      const event = JSON.parse(body);
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
        principalId: `user-${event.type}`,
        policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: `${event.methodArn.split("/")[0]}/*` }] },
      }));
    });
    backend = await listen((request, response) => {
      request.resume();
      request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
    });
    idp = await startOidcProvider();
    gateway = await startGateway([
      `--Gateway:Observability:Otlp:Endpoint=http://127.0.0.1:${collector.port}`,
      "--Gateway:Observability:Otlp:Protocol=http/protobuf",
      "--Gateway:Observability:Tracing:SampleRatio=0",
    ]);

    const integration = { type: "http_proxy", httpMethod: "GET", uri: `http://127.0.0.1:${backend.port}/seen` };
    const document = {
      openapi: "3.0.1",
      info: { title: "traced-authorizers", version: "1" },
      components: { securitySchemes: {
        tok: {
          type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "custom",
          "x-amazon-apigateway-authorizer": { type: "token", authorizerUri: `http://127.0.0.1:${fn.port}/`, authorizerResultTtlInSeconds: 0 },
        },
        req: {
          type: "apiKey", name: "X-Who", in: "header", "x-amazon-apigateway-authtype": "custom",
          "x-amazon-apigateway-authorizer": {
            type: "request", identitySource: "method.request.header.X-Who",
            authorizerUri: `http://127.0.0.1:${fn.port}/`, authorizerResultTtlInSeconds: 0,
          },
        },
        oidc: {
          type: "apiKey", name: "Authorization", in: "header",
          "x-amazon-apigateway-authorizer": {
            type: "jwt", identitySource: "$request.header.Authorization", jwtConfiguration: { issuer: idp.issuer, audience: [audience] },
          },
        },
      } },
      paths: {
        "/token": { get: { security: [{ tok: [] }], "x-amazon-apigateway-integration": integration } },
        "/request": { get: { security: [{ req: [] }], "x-amazon-apigateway-integration": integration } },
        "/jwt": { get: { security: [{ oidc: [] }], "x-amazon-apigateway-integration": integration } },
      },
    };
    const api = await gateway.client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(document)) }));
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
    host = `${api.id}.execute-api.localhost`;
    const ready = await eventually(async () => ({
      done: (await invokeWithHeaders(gateway.dataPort, host, "/prod/token", { authorization: "Bearer ready" })).status === 200,
    }), 30_000);
    assert.ok(ready.done, "the deployed stage did not serve");
  });

  after(async () => {
    await gateway?.stop();
    await Promise.all([collector?.close(), fn?.close(), backend?.close(), idp?.stop()]);
  });

  /** Sends a sampled traceparent and returns the exported spans of that trace once its integration span has arrived. */
  async function tracedCall(path, headers) {
    const traceId = randomBytes(16).toString("hex");
    const callerSpanId = randomBytes(8).toString("hex");
    const answer = await invokeWithHeaders(gateway.dataPort, host, path, { ...headers, traceparent: `00-${traceId}-${callerSpanId}-01` });
    assert.equal(answer.status, 200, answer.body);
    const found = await eventually(async () => {
      const spans = traceBodies.flatMap(decodeTracesExport).filter((s) => s.traceId === traceId);
      return { done: spans.some((s) => s.name === "integration"), spans };
    }, 30_000);
    assert.ok(found.done, `the trace ${traceId} was not exported with its integration span`);
    return { traceId, callerSpanId, spans: found.spans };
  }

  function assertAuthorizerSpan({ callerSpanId, spans }, type) {
    const authorizer = spans.find((s) => s.name === "authorizer");
    assert.ok(authorizer, `no authorizer span in the trace (${spans.map((s) => s.name).join(", ")})`);
    assert.equal(authorizer.scope, "OrleansGateway.Edge");
    assert.equal(authorizer.attributes["authorizer.type"], type);
    assert.equal(authorizer.attributes["authorizer.cached"], false);
    // The request span continues the caller's span; the authorizer span hangs under the request's spans.
    const request = spans.find((s) => s.parentSpanId === callerSpanId);
    assert.ok(request, "no span of the trace has the caller's span as parent");
    assert.ok(spans.some((s) => s.spanId === authorizer.parentSpanId), "the authorizer span's parent is not in the trace");
    const integration = spans.find((s) => s.name === "integration");
    assert.equal(integration.kind, 3, "the integration span is a CLIENT span");
  }

  test("a TOKEN authorizer's span has the caller's trace id", async () => {
    assertAuthorizerSpan(await tracedCall("/prod/token", { authorization: "Bearer traced-token" }), "TOKEN");
  });

  test("a REQUEST authorizer's span has the caller's trace id", async () => {
    assertAuthorizerSpan(await tracedCall("/prod/request", { "x-who": "traced-caller" }), "REQUEST");
  });

  test("a JWT authorizer's span has the caller's trace id", async () => {
    const token = await idp.token("orders:read");
    assertAuthorizerSpan(await tracedCall("/prod/jwt", { authorization: `Bearer ${token}` }), "JWT");
  });
});
