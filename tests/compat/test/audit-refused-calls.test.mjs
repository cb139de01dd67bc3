// Management calls refused by SigV4 authentication are audited too (CloudTrail-style errorCode, the
// claimed access key id, never a signature), and a flood of them is bounded: per source and window only
// a few are recorded, the rest are counted in a RefusedCallsSuppressed summary record and a metric.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { APIGatewayClient, GetRestApiCommand } from "@aws-sdk/client-api-gateway";
import { adminCredentials, eventually, rejection, startGateway } from "./gateway.mjs";

const perSource = 5;
const floodSize = 40;

describe("refused management calls in the audit trail", () => {
  let gateway;
  let cloudtrail;
  let endpoint;
  before(async () => {
    gateway = await startGateway([
      `--Gateway:Audit:RefusedCallsPerSource=${perSource}`,
      "--Gateway:Audit:RefusedCallsWindowSeconds=3",
    ]);
    endpoint = `http://127.0.0.1:${gateway.managementPort}`;
    cloudtrail = new CloudTrailClient({ endpoint, region: "us-east-1", credentials: { ...adminCredentials }, maxAttempts: 1 });
  });
  after(async () => {
    await gateway?.stop();
  });

  /** Every event matching one lookup attribute, following NextToken. */
  async function lookupAll(attribute) {
    const events = [];
    let token;
    do {
      const page = await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [attribute], MaxResults: 50, NextToken: token }));
      events.push(...page.Events);
      token = page.NextToken;
    } while (token);
    return events;
  }

  test("a wrong signature and an unknown access key are recorded with the claimed key id and AWS's error code", async () => {
    const wrongSecret = new APIGatewayClient({
      endpoint, region: "eu-west-1", maxAttempts: 1,
      credentials: { accessKeyId: adminCredentials.accessKeyId, secretAccessKey: "not-the-admin-secret-0123456789abcdefgh" },
    });
    const badSignature = await rejection(wrongSecret.send(new GetRestApiCommand({ restApiId: "refusedapi1" })));
    assert.equal(badSignature.$metadata.httpStatusCode, 403);
    const unknownKeyId = "AKIAUNKNOWNREFUSED01";
    const unknown = new APIGatewayClient({
      endpoint, region: "us-east-1", maxAttempts: 1,
      credentials: { accessKeyId: unknownKeyId, secretAccessKey: "whatever-secret-0123456789abcdefghijkl" },
    });
    const unknownKey = await rejection(unknown.send(new GetRestApiCommand({ restApiId: "refusedapi2" })));
    assert.equal(unknownKey.$metadata.httpStatusCode, 403);

    const [signatureEvent] = await lookupAll({ AttributeKey: "ResourceName", AttributeValue: "refusedapi1" });
    assert.ok(signatureEvent, "the refused call with a wrong signature is in the trail");
    assert.equal(signatureEvent.EventName, "GetRestApi");
    assert.equal(signatureEvent.AccessKeyId, adminCredentials.accessKeyId);
    const signatureDetail = JSON.parse(signatureEvent.CloudTrailEvent);
    assert.equal(signatureDetail.errorCode, "InvalidSignatureException");
    assert.equal(signatureDetail.httpStatus, 403);
    assert.equal(signatureDetail.userIdentity.type, "Unknown");
    assert.equal(signatureDetail.sourceIPAddress, "127.0.0.1");
    assert.equal(signatureDetail.awsRegion, "eu-west-1");
    assert.doesNotMatch(signatureEvent.CloudTrailEvent, /Signature=|not-the-admin-secret/);

    const byKey = await lookupAll({ AttributeKey: "AccessKeyId", AttributeValue: unknownKeyId });
    assert.equal(byKey.length, 1);
    const unknownDetail = JSON.parse(byKey[0].CloudTrailEvent);
    assert.equal(unknownDetail.errorCode, "UnrecognizedClientException");
    assert.equal(unknownDetail.requestParameters.restapi_id ?? unknownDetail.resources[0].name, "refusedapi2");
  });

  test("an unsigned call is recorded as MissingAuthenticationTokenException", async () => {
    const response = await fetch(`${endpoint}/restapis/unsignedapi`);
    assert.equal(response.status, 403);
    const [event] = await lookupAll({ AttributeKey: "ResourceName", AttributeValue: "unsignedapi" });
    assert.ok(event, "the unsigned call is in the trail");
    const detail = JSON.parse(event.CloudTrailEvent);
    assert.equal(detail.errorCode, "MissingAuthenticationTokenException");
    assert.equal(detail.userIdentity.accessKeyId, "");
  });

  test("a flood of unsigned calls records a few per window and counts every other one in a summary and a metric", async () => {
    for (let i = 0; i < floodSize; i++) {
      const response = await fetch(`${endpoint}/restapis/floodapi/stages`);
      assert.equal(response.status, 403);
      await response.arrayBuffer();
    }
    const recorded = (await lookupAll({ AttributeKey: "ResourceName", AttributeValue: "floodapi" })).length;
    // The flood can straddle two windows: at most twice the per-source limit, never the whole flood.
    assert.ok(recorded >= 1 && recorded <= 2 * perSource, `recorded ${recorded} of ${floodSize}`);

    const summaries = await eventually(async () => {
      const events = await lookupAll({ AttributeKey: "EventName", AttributeValue: "RefusedCallsSuppressed" });
      const suppressed = events.reduce((sum, e) => sum + JSON.parse(e.CloudTrailEvent).requestParameters.suppressed, 0);
      return { done: suppressed + recorded === floodSize, events, suppressed };
    }, 30_000);
    assert.equal(summaries.suppressed + recorded, floodSize, "every flood call is either recorded or counted in a summary");
    const top = JSON.parse(summaries.events[0].CloudTrailEvent).requestParameters.topSources;
    assert.equal(top[0].sourceIPAddress, "127.0.0.1");

    const metrics = await (await fetch(`${endpoint}/metrics`)).text();
    const line = metrics.split("\n").find((l) => l.startsWith("gateway_audit_refused_calls_suppressed_total"));
    assert.ok(line, metrics);
    assert.equal(Number(line.split(" ").at(-1)), summaries.suppressed);
  });
});
