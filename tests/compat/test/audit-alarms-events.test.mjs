// Alarms (CloudWatch PutMetricAlarm / PutCompositeAlarm / DescribeAlarms) over real 5xx traffic and
// change events (EventBridge PutRule / PutTargets), delivered to a real HTTP webhook listener,
// HMAC-signed and retried; all through the unmodified AWS SDK against a dev-mode edge.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createHmac } from "node:crypto";
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  PutCompositeAlarmCommand,
  PutMetricAlarmCommand,
} from "@aws-sdk/client-cloudwatch";
import { EventBridgeClient, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateDeploymentCommand, CreateRestApiCommand, ImportRestApiCommand, UpdateRestApiCommand } from "@aws-sdk/client-api-gateway";
import { adminCredentials, eventually, invoke, rejection, startGateway } from "./gateway.mjs";

const signingKey = "webhook-signing-key-for-tests-0123456789";

/** A real HTTP listener: records every delivery; `/flaky` answers 500 to its first two attempts of each event. */
async function startWebhooks() {
  const received = [];
  const flakyAttempts = new Map();
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ path: request.url, headers: request.headers, body, json: body ? JSON.parse(body) : null });
      if (request.url === "/flaky") {
        const id = request.headers["x-gateway-event-id"];
        const attempts = (flakyAttempts.get(id) ?? 0) + 1;
        flakyAttempts.set(id, attempts);
        response.statusCode = attempts <= 2 ? 500 : 204;
      } else if (request.url === "/backend") {
        response.statusCode = 503;
      } else {
        response.statusCode = 204;
      }
      response.end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: server.address().port, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

const verifySignature = (delivery) => {
  const timestamp = delivery.headers["x-gateway-timestamp"];
  const expected = "v1=" + createHmac("sha256", signingKey).update(`${timestamp}.${delivery.body}`).digest("hex");
  return delivery.headers["x-gateway-signature"] === expected;
};

describe("alarms and events delivered to webhooks", () => {
  let gateway;
  let webhooks;
  let cloudwatch;
  let events;
  before(async () => {
    webhooks = await startWebhooks();
    process.env.Gateway__Events__SigningKey = signingKey;
    process.env.Gateway__Events__RetryDelayMilliseconds = "100";
    gateway = await startGateway();
    const options = { endpoint: `http://127.0.0.1:${gateway.managementPort}`, region: "us-east-1", maxAttempts: 1 };
    cloudwatch = new CloudWatchClient({ ...options, credentials: { ...adminCredentials } });
    events = new EventBridgeClient({ ...options, credentials: { ...adminCredentials } });
  });
  after(async () => {
    await gateway?.stop();
    await webhooks?.close();
  });

  const url = (path) => `http://127.0.0.1:${webhooks.port}${path}`;
  const deliveriesTo = (path) => webhooks.received.filter((d) => d.path === path);

  test("a 5XXError alarm goes to ALARM under 5xx traffic, and its composite follows; both webhooks get signed notifications", async () => {
    const api = await gateway.client.send(
      new ImportRestApiCommand({
        body: new TextEncoder().encode(
          JSON.stringify({
            openapi: "3.0.1",
            info: { title: "failing", version: "1" },
            paths: {
              "/fail": {
                get: {
                  responses: { 200: { description: "ok" } },
                  "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: url("/backend") },
                },
              },
            },
          }),
        ),
      }),
    );
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
    const host = `${api.id}.execute-api.localhost`;
    const served = await eventually(async () => {
      const response = await invoke(gateway.dataPort, host, "/prod/fail");
      return { done: response.status === 503, response };
    });
    assert.equal(served.response.status, 503);

    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: "server-errors",
        Namespace: "AWS/ApiGateway",
        MetricName: "5XXError",
        Dimensions: [
          { Name: "ApiName", Value: api.id },
          { Name: "Stage", Value: "prod" },
        ],
        Statistic: "Sum",
        Period: 10,
        EvaluationPeriods: 1,
        Threshold: 3,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmActions: [url("/alarm")],
      }),
    );
    await cloudwatch.send(
      new PutCompositeAlarmCommand({ AlarmName: "any-trouble", AlarmRule: 'ALARM("server-errors") OR ALARM(unknown-alarm)', AlarmActions: [url("/composite")] }),
    );
    const initial = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ["server-errors"] }));
    assert.equal(initial.MetricAlarms[0].StateValue, "INSUFFICIENT_DATA");

    // Keep failing requests flowing until the alarm's webhook is called (buckets are 10 s; evaluation every 10 s).
    const alarmed = await eventually(async () => {
      await Promise.all(Array.from({ length: 5 }, () => invoke(gateway.dataPort, host, "/prod/fail")));
      return { done: deliveriesTo("/alarm").length > 0 && deliveriesTo("/composite").length > 0 };
    }, 120_000);
    assert.ok(alarmed.done, "no alarm notification arrived");

    const [notification] = deliveriesTo("/alarm");
    assert.ok(verifySignature(notification), "the webhook signature must verify with the signing key");
    assert.equal(notification.json["detail-type"], "CloudWatch Alarm State Change");
    assert.equal(notification.json.source, "aws.cloudwatch");
    assert.equal(notification.json.detail.alarmName, "server-errors");
    assert.equal(notification.json.detail.state.value, "ALARM");
    assert.equal(notification.json.detail.previousState.value, "INSUFFICIENT_DATA");
    assert.match(notification.json.detail.state.reason, /greater than or equal to the threshold \(3\)/);
    assert.equal(deliveriesTo("/composite")[0].json.detail.alarmName, "any-trouble");
    assert.ok(verifySignature(deliveriesTo("/composite")[0]));

    const described = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm", "CompositeAlarm"] }));
    assert.equal(described.MetricAlarms.find((a) => a.AlarmName === "server-errors").StateValue, "ALARM");
    assert.equal(described.CompositeAlarms.find((a) => a.AlarmName === "any-trouble").StateValue, "ALARM");
  });

  test("an event rule on deployments receives CreateDeployment, not other changes, retried until the webhook accepts", async () => {
    await events.send(
      new PutRuleCommand({ Name: "deployments", EventPattern: JSON.stringify({ source: ["aws.apigateway"], detail: { changeType: ["deployed"] } }) }),
    );
    const put = await events.send(new PutTargetsCommand({ Rule: "deployments", Targets: [{ Id: "hook", Arn: url("/flaky") }] }));
    assert.equal(put.FailedEntryCount, 0);
    assert.deepEqual((await events.send(new ListTargetsByRuleCommand({ Rule: "deployments" }))).Targets, [{ Id: "hook", Arn: url("/flaky") }]);

    const api = await gateway.client.send(new CreateRestApiCommand({ name: "evented" }));
    await gateway.client.send(
      new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [{ op: "replace", path: "/description", value: "x" }] }),
    );
    const started = Date.now();
    const deployment = await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "beta" }));
    // The management call never waits for the webhook (which fails twice before accepting).
    assert.ok(Date.now() - started < 5_000);

    const delivered = await eventually(async () => ({ done: deliveriesTo("/flaky").length >= 3 }), 30_000);
    assert.ok(delivered.done, "the event was not retried to success");
    const attempts = deliveriesTo("/flaky");
    assert.equal(new Set(attempts.map((d) => d.headers["x-gateway-event-id"])).size, 1, "only the deployment matches the rule");
    assert.equal(attempts[0].json.detail.eventName, "CreateDeployment");
    assert.equal(attempts[0].json.detail.changeType, "deployed");
    assert.ok(attempts[0].json.detail.resources.some((r) => r.name === `${api.id}/${deployment.id}`));
    assert.ok(attempts.every(verifySignature));
  });

  test("a webhook that never answers does not affect management calls or the data plane", async () => {
    await events.send(new PutRuleCommand({ Name: "everything", EventPattern: JSON.stringify({ source: [{ prefix: "aws." }] }) }));
    await events.send(new PutTargetsCommand({ Rule: "everything", Targets: [{ Id: "dead", Arn: "http://127.0.0.1:9/dead" }] }));
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      await gateway.client.send(new CreateRestApiCommand({ name: `quiet-${i}` }));
    }
    assert.ok(Date.now() - started < 10_000);
  });

  test("invalid alarms and rules are refused with the services' errors", async () => {
    const period = await rejection(
      cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: "bad", Namespace: "AWS/ApiGateway", MetricName: "5XXError", Statistic: "Sum", Period: 7,
          EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "GreaterThanThreshold",
        }),
      ),
    );
    assert.equal(period.name, "InvalidParameterValueException");
    const rule = await rejection(cloudwatch.send(new PutCompositeAlarmCommand({ AlarmName: "bad", AlarmRule: "ALARM(a) AND" })));
    assert.equal(rule.name, "InvalidParameterValueException");
    const pattern = await rejection(events.send(new PutRuleCommand({ Name: "bad", EventPattern: '{"source":"aws.apigateway"}' })));
    assert.equal(pattern.name, "InvalidEventPatternException");
    const target = await events.send(new PutTargetsCommand({ Rule: "deployments", Targets: [{ Id: "x", Arn: "arn:aws:sns:us-east-1:1:topic" }] }));
    assert.equal(target.FailedEntryCount, 1);
  });
});
