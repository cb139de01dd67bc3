// Metrics, tracing and execution logs of a real edge process: /metrics on the management listener
// parsed by the official Prometheus Python client's text parser (Debian's python3-prometheus-client)
// after real traffic, a caller's traceparent reaching the
// backend under the gateway's span, and execution logs with their secrets masked.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { execFileSync } from "node:child_process";
import { CreateDeploymentCommand, ImportRestApiCommand, UpdateStageCommand } from "@aws-sdk/client-api-gateway";
import { AssociateWebACLCommand, CreateWebACLCommand, WAFV2Client } from "@aws-sdk/client-wafv2";
import { adminCredentials, eventually, freePort, invokeWithHeaders, startGateway } from "./gateway.mjs";
import { decodeMetricsExport } from "./observability-otlp.mjs";

/** GET http://127.0.0.1:{port}{path} without any signature. */
function plainGet(port, path) {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, timeout: 10_000 }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("timeout", () => request.destroy(new Error("request timed out")));
    request.on("error", reject);
  });
}

// prometheus_client's parser (text_string_to_metric_families) rejects malformed exposition text;
// each sample comes back as [name, labels, value], histogram series as _bucket/_sum/_count samples.
const parserScript = `
import json, sys
from prometheus_client.parser import text_string_to_metric_families
samples = [[s.name, s.labels, s.value] for family in text_string_to_metric_families(sys.stdin.read()) for s in family.samples]
json.dump({"samples": samples}, sys.stdout)
`;

/** Parses Prometheus text exposition with the Prometheus Python client (Debian's /usr/bin/python3). */
function parsePrometheus(text) {
  const output = execFileSync("/usr/bin/python3", ["-c", parserScript], { input: text, encoding: "utf8" });
  return JSON.parse(output).samples.map(([name, labels, value]) => ({ name, labels, value }));
}

/** A data-plane POST of `body` with an explicit Host header plus `headers`. */
function post(port, host, requestPath, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path: requestPath, method: "POST", headers: { ...headers, host, "content-type": "application/json" }, timeout: 10_000 },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode, headers: response.headers }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("data-plane request timed out")));
    request.on("error", reject);
    request.end(body);
  });
}

/** The sum of the samples named `name` whose labels include `labels`. */
function sampleSum(samples, name, labels) {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

describe("metrics, tracing and execution logs", () => {
  let gateway;
  let backend;
  let backendPort;
  let collector;
  const seenByBackend = [];
  // OTLP/HTTP exports the edge posted, as raw protobuf bodies by path.
  const exports = [];

  before(async () => {
    collector = http.createServer((request, response) => {
      const chunks = [];
      request.on("data", (chunk) => chunks.push(chunk));
      request.on("end", () => {
        exports.push({ path: request.url, body: Buffer.concat(chunks) });
        response.writeHead(200, { "content-type": "application/x-protobuf" });
        response.end();
      });
    });
    const collectorPort = await freePort();
    await new Promise((resolve) => collector.listen(collectorPort, "127.0.0.1", resolve));
    gateway = await startGateway([
      `--Gateway:Observability:Otlp:Endpoint=http://127.0.0.1:${collectorPort}`,
      "--Gateway:Observability:Otlp:Protocol=http/protobuf",
      "--Gateway:Observability:Otlp:MetricExportIntervalSeconds=1",
    ]);
    backend = http.createServer((request, response) => {
      seenByBackend.push({ url: request.url, headers: request.headers });
      request.resume();
      request.on("end", () => {
        const failing = request.url.startsWith("/fail");
        response.writeHead(failing ? 500 : 200, { "content-type": "application/json" });
        response.end(JSON.stringify({ path: request.url }));
      });
    });
    backendPort = await freePort();
    await new Promise((resolve) => backend.listen(backendPort, "127.0.0.1", resolve));
  });
  after(async () => {
    await new Promise((resolve) => backend?.close(resolve));
    await gateway?.stop();
    await new Promise((resolve) => collector?.close(resolve));
  });

  /** Imports an API with GET /items and GET /fail proxied to the backend, deploys prod, waits until it serves. */
  async function deployedApi(name) {
    const integration = (path) => ({ type: "http_proxy", httpMethod: "GET", uri: `http://127.0.0.1:${backendPort}${path}` });
    const document = {
      openapi: "3.0.1",
      info: { title: name, version: "1" },
      paths: {
        "/items": {
          get: { "x-amazon-apigateway-integration": integration("/items") },
          post: { "x-amazon-apigateway-integration": { ...integration("/items"), httpMethod: "POST" } },
        },
        "/fail": { get: { "x-amazon-apigateway-integration": integration("/fail") } },
      },
    };
    const api = await gateway.client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(document)) }));
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
    const host = `${api.id}.execute-api.localhost`;
    const ready = await eventually(async () => ({ done: (await invokeWithHeaders(gateway.dataPort, host, "/prod/items", {})).status === 200 }));
    assert.ok(ready.done, "the deployed stage did not serve within the deadline");
    return { id: api.id, host };
  }

  async function scrape() {
    const response = await plainGet(gateway.managementPort, "/metrics");
    assert.equal(response.status, 200, response.body);
    return parsePrometheus(response.body);
  }

  test("Count, 4XXError and 5XXError count each request of a stage, scraped from /metrics without a signature", async () => {
    const { id, host } = await deployedApi("counted");
    const stage = { ApiId: id, Stage: "prod" };
    const before = await scrape();
    const at = (families, name) => sampleSum(families, name, stage);

    for (let i = 0; i < 3; i++) {
      assert.equal((await invokeWithHeaders(gateway.dataPort, host, "/prod/items", {})).status, 200);
    }
    assert.equal((await invokeWithHeaders(gateway.dataPort, host, "/prod/no-such-resource", {})).status, 403);
    assert.equal((await invokeWithHeaders(gateway.dataPort, host, "/prod/fail", {})).status, 500);

    // The exporter may serve a cached scrape for a moment: wait for all five requests to show.
    const counted = await eventually(async () => {
      const families = await scrape();
      return { done: at(families, "aws_apigateway_Count_total") - at(before, "aws_apigateway_Count_total") >= 5, families };
    });
    const now = counted.families;
    assert.equal(at(now, "aws_apigateway_Count_total") - at(before, "aws_apigateway_Count_total"), 5);
    assert.equal(at(now, "aws_apigateway_4XXError_total") - at(before, "aws_apigateway_4XXError_total"), 1);
    assert.equal(at(now, "aws_apigateway_5XXError_total") - at(before, "aws_apigateway_5XXError_total"), 1);
    assert.equal(at(now, "aws_apigateway_Latency_milliseconds_count") - at(before, "aws_apigateway_Latency_milliseconds_count"), 5);
    // Four requests reached an integration (the unknown resource did not).
    assert.equal(at(now, "aws_apigateway_IntegrationLatency_milliseconds_count") - at(before, "aws_apigateway_IntegrationLatency_milliseconds_count"), 4);
    assert.equal(sampleSum(now, "aws_apigateway_Latency_milliseconds_bucket", { ...stage, le: "+Inf" }), at(now, "aws_apigateway_Latency_milliseconds_count"));
    // The edge's own state: this API's routing table version, and one silo (dev mode's co-hosted one).
    assert.ok(sampleSum(now, "gateway_routing_table_version", { ApiId: id }) >= 1);
    const silos = await eventually(async () => ({ done: sampleSum(await scrape(), "gateway_cluster_silos", {}) === 1 }));
    assert.ok(silos.done, "gateway_cluster_silos did not report the co-hosted silo");

    // The data plane has no /metrics: it is only on the management listener.
    assert.equal((await plainGet(gateway.dataPort, "/metrics")).status, 403);
  });

  test("detailed metrics add the Resource and Method dimensions once metricsEnabled is on", async () => {
    const { id, host } = await deployedApi("detailed");
    assert.equal(sampleSum(await scrape(), "aws_apigateway_Count_total", { ApiId: id, Resource: "/items" }), 0);
    await gateway.client.send(new UpdateStageCommand({
      restApiId: id, stageName: "prod", patchOperations: [{ op: "replace", path: "/*/*/metrics/enabled", value: "true" }],
    }));
    const detailed = await eventually(async () => {
      await invokeWithHeaders(gateway.dataPort, host, "/prod/items", {});
      return { done: sampleSum(await scrape(), "aws_apigateway_Count_total", { ApiId: id, Stage: "prod", Resource: "/items", Method: "GET" }) >= 1 };
    });
    assert.ok(detailed.done, "no Count series with Resource=/items and Method=GET appeared");
  });

  test("stage throttle rejections are counted per usage plan (none when no plan covers the request)", async () => {
    const { id, host } = await deployedApi("throttled");
    await gateway.client.send(new UpdateStageCommand({
      restApiId: id, stageName: "prod", patchOperations: [
        { op: "replace", path: "/*/*/throttling/rateLimit", value: "1" },
        { op: "replace", path: "/*/*/throttling/burstLimit", value: "1" },
      ],
    }));
    const metric = (families) => sampleSum(families, "gateway_usage_plan_throttled_total", { UsagePlanId: "none" });
    const leases = (families) => sampleSum(families, "gateway_lease_grants_total", { kind: "throttle" });
    const beforeScrape = await scrape();
    const before = metric(beforeScrape);
    let refused = 0;
    const throttled = await eventually(async () => {
      for (let i = 0; i < 10; i++) {
        if ((await invokeWithHeaders(gateway.dataPort, host, "/prod/items", {})).status === 429) {
          refused++;
        }
      }
      return { done: refused > 0 };
    });
    assert.ok(throttled.done, "the stage throttle never refused a request");
    const counted = await eventually(async () => {
      const families = await scrape();
      return { done: metric(families) - before === refused, families };
    });
    assert.ok(counted.done, `expected ${refused} throttle rejections counted`);
    // The new bucket's tokens came from its throttle grain: at least one lease call more.
    assert.ok(leases(counted.families) > leases(beforeScrape), "no throttle lease grant was counted");
  });

  test("a caller's traceparent reaches the backend with the same trace id and the gateway's span as parent", async () => {
    const { host } = await deployedApi("traced");
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const callerSpan = "00f067aa0ba902b7";
    const before = seenByBackend.length;
    const response = await invokeWithHeaders(gateway.dataPort, host, "/prod/items?traced=1", { traceparent: `00-${traceId}-${callerSpan}-01` });
    assert.equal(response.status, 200);
    const seen = seenByBackend.slice(before).find((request) => request.url === "/items?traced=1");
    assert.ok(seen, "the backend was not called");
    const [version, backendTrace, parentSpan, flags] = seen.headers.traceparent.split("-");
    assert.equal(version, "00");
    assert.equal(backendTrace, traceId);
    assert.match(parentSpan, /^[0-9a-f]{16}$/);
    assert.notEqual(parentSpan, callerSpan);
    assert.equal(flags, "01", "a sampled caller's trace stays sampled");

    // Without a traceparent the gateway starts a trace of its own and still propagates it.
    const plain = seenByBackend.length;
    await invokeWithHeaders(gateway.dataPort, host, "/prod/items?traced=2", {});
    const started = seenByBackend.slice(plain).find((request) => request.url === "/items?traced=2");
    assert.match(started.headers.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  test("a sampled caller's spans are exported over OTLP with its trace id", async () => {
    const { host } = await deployedApi("exported");
    const traceId = "5ce0e9a56015fec5aadfa328ae398115";
    assert.equal((await invokeWithHeaders(gateway.dataPort, host, "/prod/items", { traceparent: `00-${traceId}-ab42124a3c573678-01` })).status, 200);
    // OTLP carries ids as raw bytes and span names as UTF-8 strings inside the protobuf body.
    const traceBytes = Buffer.from(traceId, "hex");
    const exported = await eventually(async () => ({
      done: exports.some((e) => e.path === "/v1/traces" && e.body.includes(traceBytes) && e.body.includes(Buffer.from("integration"))),
    }), 30_000);
    assert.ok(exported.done, `no /v1/traces export held the trace's integration span (${exports.length} exports received)`);
  });

  test("Count, 5XXError and Latency reach an OTLP/HTTP collector as protobuf with ApiId and Stage attributes", async () => {
    const { id, host } = await deployedApi("otlp-metered");
    for (let i = 0; i < 3; i++) {
      assert.equal((await invokeWithHeaders(gateway.dataPort, host, "/prod/items", {})).status, 200);
    }
    assert.equal((await invokeWithHeaders(gateway.dataPort, host, "/prod/fail", {})).status, 500);

    // Exports are cumulative. The readiness probes of deployedApi() count too, so the expected total is
    // what the Prometheus endpoint (the same meter) says now.
    const scraped = await scrape();
    const expected = sampleSum(scraped, "aws_apigateway_Count_total", { ApiId: id, Stage: "prod" });
    assert.ok(expected >= 4);
    const find = (points, metric) =>
      points.find((p) => p.metric === metric && p.attributes.ApiId === id && p.attributes.Stage === "prod");
    const exported = await eventually(async () => {
      for (const e of exports.filter((x) => x.path === "/v1/metrics").reverse()) {
        const points = decodeMetricsExport(e.body);
        const count = find(points, "aws.apigateway.Count");
        if (count?.value === expected) {
          return { done: true, points };
        }
      }
      return { done: false };
    }, 30_000);
    assert.ok(exported.done, `no /v1/metrics export counted the stage's ${expected} requests (${exports.filter((x) => x.path === "/v1/metrics").length} metric exports)`);
    // No stage response cache exists, so its metrics are not emitted at all (not as a misleading 0).
    assert.ok(!exported.points.some((p) => p.metric.includes("CacheHitCount") || p.metric.includes("CacheMissCount")));
    assert.ok(!(await plainGet(gateway.managementPort, "/metrics")).body.includes("CacheHitCount"));
    const count = find(exported.points, "aws.apigateway.Count");
    assert.equal(count.kind, "sum");
    assert.equal(count.scope, "OrleansGateway.ApiGateway");
    assert.equal(count.temporality, 2, "cumulative");
    assert.equal(count.resource["service.name"], "orleans-gateway-edge");
    assert.equal(find(exported.points, "aws.apigateway.5XXError").value, 1);
    assert.equal(find(exported.points, "aws.apigateway.4XXError").value, sampleSum(scraped, "aws_apigateway_4XXError_total", { ApiId: id, Stage: "prod" }));
    const latency = find(exported.points, "aws.apigateway.Latency");
    assert.equal(latency.kind, "histogram");
    assert.equal(latency.count, expected);
    assert.ok(latency.value > 0);
  });

  test("execution logs at INFO with data trace show the request and response with credentials masked", async () => {
    const { id, host } = await deployedApi("logged");
    await gateway.client.send(new UpdateStageCommand({
      restApiId: id, stageName: "prod", patchOperations: [
        { op: "replace", path: "/*/*/logging/loglevel", value: "INFO" },
        { op: "replace", path: "/*/*/logging/dataTrace", value: "true" },
      ],
    }));
    const secrets = {
      authorization: "Bearer token-secret-9f8e7d",
      "x-api-key": "apikey-secret-1a2b3c",
      cookie: "session=cookie-secret-4d5e6f",
      "x-amz-security-token": "sts-secret-7a8b9c",
    };
    const logged = await eventually(async () => {
      const response = await post(gateway.dataPort, host, "/prod/items?X-Amz-Signature=sig-secret-0f0f&color=red", secrets, '{"name":"rex"}');
      const requestId = response.headers["x-amzn-requestid"];
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { done: gateway.output().includes(`(${requestId}) Method completed with status: 200`), requestId };
    }, 30_000);
    assert.ok(logged.done, `no execution log for the request; output:\n${gateway.output().slice(-4000)}`);
    const output = gateway.output();
    const lines = output.split("\n").filter((line) => line.includes(`(${logged.requestId})`));
    const line = (start) => lines.find((l) => l.includes(`(${logged.requestId}) ${start}`)) ?? assert.fail(`no line '${start}' in:\n${lines.join("\n")}`);
    assert.match(line("HTTP Method:"), /HTTP Method: POST, Resource Path: \/items/);
    assert.match(line("Method request body before transformations:"), /before transformations: \{"name":"rex"\}$/);
    assert.match(line("Method request query string:"), /color=red/);
    assert.match(line("Method request query string:"), /X-Amz-Signature=\*\*\*\*/);
    assert.match(line("Method request headers:"), /authorization=Bearer \*\*\*\*/i);
    assert.match(line("Endpoint request URI:"), new RegExp(`http://127.0.0.1:${backendPort}/items\\?X-Amz-Signature=\\*\\*\\*\\*&color=red`));
    assert.match(line("Method response body after transformations:"), /"path":"\/items\?/);
    // The backend's body echoes its URL, query included: that is the response, not the gateway's to mask.
    const gatewayLines = lines.filter((l) => !l.includes("Method response body after transformations:")).join("\n");
    for (const secret of ["token-secret-9f8e7d", "apikey-secret-1a2b3c", "cookie-secret-4d5e6f", "sts-secret-7a8b9c", "sig-secret-0f0f"]) {
      assert.ok(!gatewayLines.includes(secret), `the execution log shows ${secret}:\n${gatewayLines}`);
    }
  });

  test("execution logs at ERROR show only the requests that failed", async () => {
    const { id, host } = await deployedApi("errors-only");
    await gateway.client.send(new UpdateStageCommand({
      restApiId: id, stageName: "prod", patchOperations: [{ op: "replace", path: "/*/*/logging/loglevel", value: "ERROR" }],
    }));
    let succeeded;
    const logged = await eventually(async () => {
      // The success first: entries are written in order, so once the failure's entry is out, the success's would be too.
      succeeded = (await invokeWithHeaders(gateway.dataPort, host, "/prod/items", {})).headers["x-amzn-requestid"];
      const failed = (await invokeWithHeaders(gateway.dataPort, host, "/prod/fail", {})).headers["x-amzn-requestid"];
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { done: gateway.output().includes(`(${failed}) Method completed with status: 500`) };
    }, 30_000);
    assert.ok(logged.done, "the failed request has no execution log");
    assert.ok(!gateway.output().includes(`(${succeeded})`), "a successful request was logged at ERROR");
  });

  test("authorizer decisions count as cache misses, then hits while the result is cached", async () => {
    let calls = 0;
    const fn = http.createServer(async (request, response) => {
      calls++;
      let body = "";
      for await (const chunk of request) body += chunk;
      const event = JSON.parse(body);
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
        principalId: "user-1",
        policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: `${event.methodArn.split("/")[0]}/*` }] },
      }));
    });
    const fnPort = await freePort();
    await new Promise((resolve) => fn.listen(fnPort, "127.0.0.1", resolve));
    try {
      const document = {
        openapi: "3.0.1",
        info: { title: "authorized", version: "1" },
        components: { securitySchemes: { tok: {
          type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "custom",
          "x-amazon-apigateway-authorizer": { type: "token", authorizerUri: `http://127.0.0.1:${fnPort}/`, authorizerResultTtlInSeconds: 300 },
        } } },
        paths: { "/items": { get: {
          security: [{ tok: [] }],
          "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: `http://127.0.0.1:${backendPort}/items` },
        } } },
      };
      const api = await gateway.client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(document)) }));
      await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
      const host = `${api.id}.execute-api.localhost`;
      const lookups = (families, result) => sampleSum(families, "gateway_authorizer_cache_total", { type: "TOKEN", result });
      const before = await scrape();
      const token = { authorization: `Bearer metrics-${Date.now()}` };
      const served = await eventually(async () => ({ done: (await invokeWithHeaders(gateway.dataPort, host, "/prod/items", token)).status === 200 }));
      assert.ok(served.done, "the authorized stage did not serve");
      for (let i = 0; i < 3; i++) {
        assert.equal((await invokeWithHeaders(gateway.dataPort, host, "/prod/items", token)).status, 200);
      }

      assert.equal(calls, 1, "the function is called once for the identity");
      const counted = await eventually(async () => {
        const now = await scrape();
        return { done: lookups(now, "hit") - lookups(before, "hit") === 3 && lookups(now, "miss") - lookups(before, "miss") === 1 };
      });
      assert.ok(counted.done, "expected 1 miss and 3 hits for TOKEN authorizer lookups");
    } finally {
      await new Promise((resolve) => fn.close(resolve));
    }
  });

  test("WAF matches are counted per rule and action", async () => {
    const { id, host } = await deployedApi("guarded");
    const waf = new WAFV2Client({ endpoint: `http://127.0.0.1:${gateway.managementPort}`, region: "us-east-1", credentials: { ...adminCredentials }, maxAttempts: 1 });
    const visibility = { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: "m" };
    const acl = (await waf.send(new CreateWebACLCommand({
      Name: "metrics-acl", Scope: "REGIONAL", DefaultAction: { Allow: {} }, VisibilityConfig: visibility,
      Rules: [{
        Name: "core", Priority: 0, OverrideAction: { None: {} }, VisibilityConfig: visibility,
        Statement: { ManagedRuleGroupStatement: { VendorName: "OrleansGateway", Name: "CoreRuleSet" } },
      }],
    }))).Summary;
    await waf.send(new AssociateWebACLCommand({ WebACLArn: acl.ARN, ResourceArn: `arn:aws:apigateway:us-east-1::/restapis/${id}/stages/prod` }));
    const attack = "/prod/items?id=1'%20OR%20'1'='1";
    const blocked = await eventually(async () => ({ done: (await invokeWithHeaders(gateway.dataPort, host, attack, {})).status === 403 }));
    assert.ok(blocked.done, "the web ACL never blocked the attack");
    const matches = (families) => sampleSum(families, "waf_matches_total", { web_acl: "metrics-acl", action: "BLOCK" });
    const before = matches(await scrape());

    for (let i = 0; i < 2; i++) {
      assert.equal((await invokeWithHeaders(gateway.dataPort, host, attack, {})).status, 403);
    }
    assert.equal((await invokeWithHeaders(gateway.dataPort, host, "/prod/items?id=7", {})).status, 200);

    const counted = await eventually(async () => ({ done: matches(await scrape()) - before === 2 }));
    assert.ok(counted.done, "expected 2 BLOCK matches of metrics-acl counted");
  });
});
