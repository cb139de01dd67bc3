// Helpers for the WebSocket API tests: a recording HTTP backend, `ws` clients and an
// @connections client that reach `{apiId}.execute-api.localhost` on the loopback edge.
import http from "node:http";
import WebSocket from "ws";
import { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { adminCredentials } from "./gateway.mjs";

/** Resolves every host name to 127.0.0.1, so clients can use the execute-api host names of the real API. */
export function loopbackLookup(hostname, options, callback) {
  if (options?.all) {
    callback(null, [{ address: "127.0.0.1", family: 4 }]);
  } else {
    callback(null, "127.0.0.1", 4);
  }
}

/** An apigatewayv2 client for the gateway's management listener. */
export function v2Client(managementPort) {
  return new ApiGatewayV2Client({
    endpoint: `http://127.0.0.1:${managementPort}`,
    region: "us-east-1",
    credentials: { ...adminCredentials },
    maxAttempts: 1,
  });
}

/** An @connections client for `{apiId}/{stage}` through the edge on `port`. */
export function connectionsClient(apiId, stage, port, credentials) {
  return new ApiGatewayManagementApiClient({
    endpoint: `http://${apiId}.execute-api.localhost:${port}/${stage}`,
    region: "us-east-1",
    credentials: { ...credentials },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ lookup: loopbackLookup }) }),
  });
}

/**
 * A real HTTP backend on a free port that records every request (method, path, headers, JSON body)
 * and answers with `respond(request)` → { status, body } (default 200 and an echo of the body).
 */
export async function startBackend(respond = () => ({ status: 200 })) {
  const requests = [];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const recorded = { method: request.method, path: request.url, headers: request.headers, text, json };
      requests.push(recorded);
      const answer = respond(recorded) ?? { status: 200 };
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(answer.body ?? "");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: (path) => `http://127.0.0.1:${server.address().port}${path}`,
    requests,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Opens a `ws` client to `{apiId}/{stage}` through the edge. Resolves { socket, messages, closed }
 * once open, or { status } when the upgrade is refused.
 */
export function openClient(port, apiId, stage, { headers = {}, path = `/${stage}` } = {}) {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://${apiId}.execute-api.localhost:${port}${path}`, { lookup: loopbackLookup, headers });
    const messages = [];
    let closeInfo;
    const closed = new Promise((done) =>
      socket.on("close", (code, reason) => {
        closeInfo = { code, reason: reason.toString() };
        done(closeInfo);
      }),
    );
    socket.on("message", (data) => messages.push(data.toString()));
    socket.on("open", () => resolve({ socket, messages, closed, closeInfo: () => closeInfo }));
    socket.on("unexpected-response", (request, response) => {
      resolve({ status: response.statusCode });
      request.destroy();
    });
    socket.on("error", (error) => resolve({ error }));
  });
}

/** Polls until `predicate()` is truthy or the deadline passes (generous: CI machines are loaded). */
export async function until(predicate, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await predicate();
    if (value) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return predicate();
}
