// The audit trail through CloudTrail's LookupEvents, with the unmodified @aws-sdk/client-cloudtrail
// against the management listener of a dev-mode edge (trail kept in memory).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { IAMClient, CreateUserCommand, CreateAccessKeyCommand } from "@aws-sdk/client-iam";
import {
  CreateApiKeyCommand,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetRestApiCommand,
  UpdateRestApiCommand,
} from "@aws-sdk/client-api-gateway";
import { adminCredentials, rejection, startGateway } from "./gateway.mjs";

describe("audit trail through CloudTrail LookupEvents", () => {
  let gateway;
  let cloudtrail;
  let apiId;
  let keyValue;
  let startedAt;
  before(async () => {
    gateway = await startGateway();
    const endpoint = `http://127.0.0.1:${gateway.managementPort}`;
    cloudtrail = new CloudTrailClient({ endpoint, region: "us-east-1", credentials: { ...adminCredentials }, maxAttempts: 1 });
    startedAt = new Date(Date.now() - 60_000);
    const api = await gateway.client.send(new CreateRestApiCommand({ name: "audited" }));
    apiId = api.id;
    await gateway.client.send(
      new UpdateRestApiCommand({ restApiId: apiId, patchOperations: [{ op: "replace", path: "/description", value: "changed" }] }),
    );
    const key = await gateway.client.send(new CreateApiKeyCommand({ name: "audited-key", enabled: true, value: "audit-secret-key-value-0123456789" }));
    keyValue = key.value;
    await rejection(gateway.client.send(new GetRestApiCommand({ restApiId: "doesnotexist" })));
    const iam = new IAMClient({ endpoint, region: "us-east-1", credentials: { ...adminCredentials }, maxAttempts: 1 });
    await iam.send(new CreateUserCommand({ UserName: "audited-user" }));
    await iam.send(new CreateAccessKeyCommand({ UserName: "audited-user" }));
  });
  after(async () => {
    await gateway?.stop();
  });

  const lookup = (input) => cloudtrail.send(new LookupEventsCommand(input));

  test("a create call is found by event name with its caller, source, resource and CloudTrailEvent", async () => {
    const result = await lookup({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "CreateRestApi" }] });
    assert.equal(result.Events.length, 1);
    const event = result.Events[0];
    assert.equal(event.EventName, "CreateRestApi");
    assert.equal(event.EventSource, "apigateway.amazonaws.com");
    assert.equal(event.AccessKeyId, adminCredentials.accessKeyId);
    assert.equal(event.Username, "gateway-admin");
    assert.equal(event.ReadOnly, "false");
    assert.ok(event.EventTime instanceof Date && event.EventTime >= startedAt);
    assert.deepEqual(event.Resources, [{ ResourceType: "AWS::ApiGateway::RestApi", ResourceName: apiId }]);
    const detail = JSON.parse(event.CloudTrailEvent);
    assert.equal(detail.eventID, event.EventId);
    assert.equal(detail.sourceIPAddress, "127.0.0.1");
    assert.equal(detail.requestParameters.body.name, "audited");
    assert.equal(detail.httpStatus, 201);
    assert.equal(typeof detail.additionalEventData.sequence, "number");
  });

  test("the API key's value is masked in the recorded parameters", async () => {
    assert.equal(keyValue, "audit-secret-key-value-0123456789");
    const result = await lookup({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "CreateApiKey" }] });
    assert.equal(result.Events.length, 1);
    assert.ok(!result.Events[0].CloudTrailEvent.includes(keyValue), "the key value must not be recorded");
    assert.equal(JSON.parse(result.Events[0].CloudTrailEvent).requestParameters.body.value, "HIDDEN_DUE_TO_SECURITY_REASONS");
  });

  test("a failed call is recorded with its error code", async () => {
    const result = await lookup({ LookupAttributes: [{ AttributeKey: "ResourceName", AttributeValue: "doesnotexist" }] });
    assert.equal(result.Events.length, 1);
    const detail = JSON.parse(result.Events[0].CloudTrailEvent);
    assert.equal(detail.eventName, "GetRestApi");
    assert.equal(detail.errorCode, "NotFoundException");
    assert.equal(detail.httpStatus, 404);
    assert.equal(result.Events[0].ReadOnly, "true");
  });

  test("IAM calls are recorded under iam.amazonaws.com", async () => {
    const result = await lookup({ LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "iam.amazonaws.com" }] });
    assert.deepEqual(result.Events.map((e) => e.EventName), ["CreateAccessKey", "CreateUser"]);
    assert.equal(JSON.parse(result.Events[1].CloudTrailEvent).requestParameters.UserName, "audited-user");
  });

  test("events for one resource come newest first", async () => {
    const result = await lookup({ LookupAttributes: [{ AttributeKey: "ResourceName", AttributeValue: apiId }] });
    assert.deepEqual(result.Events.map((e) => e.EventName), ["UpdateRestApi", "CreateRestApi"]);
  });

  test("MaxResults pages with NextToken through every event", async () => {
    const names = [];
    let token;
    let pages = 0;
    do {
      const page = await lookup({ MaxResults: 2, NextToken: token, StartTime: startedAt });
      assert.ok(page.Events.length <= 2);
      names.push(...page.Events.map((e) => e.EventName));
      token = page.NextToken;
      pages++;
    } while (token && pages < 50);
    for (const name of ["CreateRestApi", "UpdateRestApi", "CreateApiKey", "GetRestApi", "CreateUser", "CreateAccessKey"]) {
      assert.ok(names.includes(name), `${name} missing from ${names}`);
    }
    assert.ok(pages >= 3);
  });

  test("a time range in the future finds nothing", async () => {
    const result = await lookup({ StartTime: new Date(Date.now() + 3_600_000), EndTime: new Date(Date.now() + 7_200_000) });
    assert.deepEqual(result.Events, []);
  });

  test("invalid lookups are refused with CloudTrail's errors", async () => {
    const two = await rejection(
      lookup({
        LookupAttributes: [
          { AttributeKey: "EventName", AttributeValue: "CreateRestApi" },
          { AttributeKey: "Username", AttributeValue: "x" },
        ],
      }),
    );
    assert.equal(two.name, "InvalidLookupAttributesException");
    const range = await rejection(lookup({ StartTime: new Date(Date.now()), EndTime: new Date(Date.now() - 60_000) }));
    assert.equal(range.name, "InvalidTimeRangeException");
    const max = await rejection(lookup({ MaxResults: 51 }));
    assert.equal(max.name, "InvalidMaxResultsException");
    const token = await rejection(lookup({ NextToken: "not-a-token" }));
    assert.equal(token.name, "InvalidNextTokenException");
  });

  test("a call deleting an API is recorded as a write", async () => {
    await gateway.client.send(new DeleteRestApiCommand({ restApiId: apiId }));
    const result = await lookup({ LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "DeleteRestApi" }] });
    assert.equal(result.Events.length, 1);
    assert.equal(result.Events[0].ReadOnly, "false");
    assert.equal(JSON.parse(result.Events[0].CloudTrailEvent).httpStatus, 202);
  });
});
