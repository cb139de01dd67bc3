// CORS as a real browser enforces it: headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) loads a page from one loopback origin and fetch()es an API served by the
// built edge on another origin ({apiId}.execute-api.localhost:{dataPort}; Chromium resolves
// *.localhost to loopback). Allowed origins must get through (with and without credentials,
// with a custom header that needs a preflight); other origins must be refused by the browser.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { chromium } from "playwright-core";
import { CreateDeploymentCommand, ImportRestApiCommand } from "@aws-sdk/client-api-gateway";
import { eventually, invokeWithHeaders, rejection, startGateway } from "./gateway.mjs";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A loopback HTTP server on a free port; `handler` answers. */
async function serve(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The page every test runs fetch() from: an empty HTML document on its own origin. */
const page = (request, response) => {
  response.writeHead(200, { "content-type": "text/html" });
  response.end("<!doctype html><title>cors</title>");
};

const openApi = (backendUrl, cors) =>
  JSON.stringify({
    openapi: "3.0.1",
    info: { title: "cors-browser", version: "1" },
    "x-amazon-apigateway-cors": cors,
    paths: {
      "/items": {
        get: {
          responses: { 200: { description: "ok" } },
          "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: `${backendUrl}/items` },
        },
        put: {
          responses: { 200: { description: "ok" } },
          "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "PUT", uri: `${backendUrl}/items` },
        },
      },
    },
  });

describe("CORS in headless Chromium", () => {
  let gateway;
  let backend;
  let allowedPage;
  let otherPage;
  let browser;
  let explicitApi;
  let wildcardApi;
  const backendCalls = [];

  const importAndDeploy = async (cors) => {
    const { id } = await gateway.client.send(
      new ImportRestApiCommand({ body: new TextEncoder().encode(openApi(`http://127.0.0.1:${backend.port}`, cors)) }),
    );
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: id, stageName: "prod" }));
    const probe = await eventually(async () => {
      const response = await invokeWithHeaders(gateway.dataPort, `${id}.execute-api.localhost`, "/prod/items", {});
      return { done: response.status === 200, response };
    });
    assert.equal(probe.response.status, 200, `deployment did not reach the edge: ${JSON.stringify(probe.response)}`);
    return id;
  };

  before(async () => {
    backend = await serve((request, response) => {
      backendCalls.push({ method: request.method, headers: request.headers });
      request.resume();
      request.on("end", () => {
        // CORS headers from the backend must never reach the browser: the gateway's configuration decides.
        response.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
        response.end(JSON.stringify({ method: request.method, custom: request.headers["x-custom"] ?? null }));
      });
    });
    allowedPage = await serve(page);
    otherPage = await serve(page);
    gateway = await startGateway();
    explicitApi = await importAndDeploy({
      allowOrigins: [`http://127.0.0.1:${allowedPage.port}`],
      allowMethods: ["GET", "PUT"],
      allowHeaders: ["x-custom", "content-type"],
      exposeHeaders: ["x-amzn-RequestId"],
      // No preflight caching: each test must really make the browser ask.
      maxAge: 0,
      allowCredentials: true,
    });
    wildcardApi = await importAndDeploy({ allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"] });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
    await allowedPage?.close();
    await otherPage?.close();
    await backend?.close();
  });

  /** fetch()es `path` on `apiId` from a page on `pagePort`; returns what the page could see. */
  const fetchFrom = async (pagePort, apiId, path, init) => {
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      await tab.goto(`http://127.0.0.1:${pagePort}/`);
      const url = `http://${apiId}.execute-api.localhost:${gateway.dataPort}${path}`;
      return await tab.evaluate(
        async ({ url, init }) => {
          try {
            const response = await fetch(url, init);
            return {
              ok: true,
              status: response.status,
              body: await response.text(),
              requestId: response.headers.get("x-amzn-RequestId"),
            };
          } catch (error) {
            return { ok: false, error: String(error) };
          }
        },
        { url, init },
      );
    } finally {
      await context.close();
    }
  };

  test("a simple GET from the allowed origin succeeds and can read the exposed header", async () => {
    const result = await fetchFrom(allowedPage.port, explicitApi, "/prod/items", { method: "GET" });

    assert.equal(result.ok, true, result.error);
    assert.equal(result.status, 200);
    assert.deepEqual(JSON.parse(result.body), { method: "GET", custom: null });
    assert.match(result.requestId ?? "", /^[0-9a-f-]{36}$/);
  });

  test("a credentialed GET from the allowed origin succeeds", async () => {
    const result = await fetchFrom(allowedPage.port, explicitApi, "/prod/items", { method: "GET", credentials: "include" });

    assert.equal(result.ok, true, result.error);
    assert.equal(result.status, 200);
  });

  test("a PUT with a custom header from the allowed origin passes its preflight and reaches the backend", async () => {
    const before = backendCalls.length;

    const result = await fetchFrom(allowedPage.port, explicitApi, "/prod/items", {
      method: "PUT",
      credentials: "include",
      headers: { "x-custom": "hello", "content-type": "application/json" },
      body: "{}",
    });

    assert.equal(result.ok, true, result.error);
    assert.deepEqual(JSON.parse(result.body), { method: "PUT", custom: "hello" });
    // The preflight was answered by the gateway: the backend saw only the PUT.
    assert.deepEqual(backendCalls.slice(before).map((call) => call.method), ["PUT"]);
  });

  test("a GET from another origin is refused by the browser", async () => {
    const result = await fetchFrom(otherPage.port, explicitApi, "/prod/items", { method: "GET" });

    assert.equal(result.ok, false);
    assert.match(result.error, /TypeError/);
  });

  test("a PUT with a custom header from another origin fails its preflight and never reaches the backend", async () => {
    const before = backendCalls.length;

    const result = await fetchFrom(otherPage.port, explicitApi, "/prod/items", {
      method: "PUT",
      headers: { "x-custom": "hello" },
      body: "{}",
    });

    assert.equal(result.ok, false);
    assert.equal(backendCalls.length, before);
  });

  test("a header the configuration does not allow fails the preflight even from the allowed origin", async () => {
    const before = backendCalls.length;

    const result = await fetchFrom(allowedPage.port, explicitApi, "/prod/items", {
      method: "PUT",
      headers: { "x-not-allowed": "1" },
      body: "{}",
    });

    assert.equal(result.ok, false);
    assert.equal(backendCalls.length, before);
  });

  test("with allowOrigins * any origin may fetch without credentials, but not with them", async () => {
    const anonymous = await fetchFrom(otherPage.port, wildcardApi, "/prod/items", {
      method: "PUT",
      headers: { "x-custom": "any" },
      body: "{}",
    });
    const credentialed = await fetchFrom(otherPage.port, wildcardApi, "/prod/items", { method: "GET", credentials: "include" });

    assert.equal(anonymous.ok, true, anonymous.error);
    assert.deepEqual(JSON.parse(anonymous.body), { method: "PUT", custom: "any" });
    assert.equal(credentialed.ok, false);
  });

  test("importing allowCredentials with origin * is refused with 400", async () => {
    const error = await rejection(
      gateway.client.send(
        new ImportRestApiCommand({
          body: new TextEncoder().encode(openApi("http://127.0.0.1:9", { allowOrigins: ["*"], allowCredentials: true })),
        }),
      ),
    );

    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(error.name, "BadRequestException");
    assert.match(error.message, /allow-credentials is not supported if 'allow-origin' is \*/);
  });
});
