// Configuration history, rules and remediation through the unmodified @aws-sdk/client-config-service
// (AWS Config's JSON API) against the management listener of a dev-mode edge.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  ConfigServiceClient,
  DeleteConfigRuleCommand,
  DescribeConfigRulesCommand,
  GetComplianceDetailsByConfigRuleCommand,
  GetResourceConfigHistoryCommand,
  PutConfigRuleCommand,
  PutRemediationConfigurationsCommand,
  StartConfigRulesEvaluationCommand,
} from "@aws-sdk/client-config-service";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetRestApiCommand,
  ImportRestApiCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-api-gateway";
import { adminCredentials, rejection, startGateway } from "./gateway.mjs";

describe("configuration history, rules and remediation through AWS Config's API", () => {
  let gateway;
  let config;
  let cloudtrail;
  before(async () => {
    gateway = await startGateway();
    const endpoint = `http://127.0.0.1:${gateway.managementPort}`;
    const options = { endpoint, region: "us-east-1", credentials: { ...adminCredentials }, maxAttempts: 1 };
    config = new ConfigServiceClient(options);
    cloudtrail = new CloudTrailClient({ ...options, credentials: { ...adminCredentials } });
  });
  after(async () => {
    await gateway?.stop();
  });

  const createApi = (name, types = ["REGIONAL"]) =>
    gateway.client.send(new CreateRestApiCommand({ name, endpointConfiguration: { types } }));
  const mock = (extra = {}) => ({
    "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' }, responses: { default: { statusCode: "200" } } },
    responses: { 200: { description: "ok" } },
    ...extra,
  });
  // GET /items is open; POST /items needs an API key.
  const importApi = (title) =>
    gateway.client.send(
      new ImportRestApiCommand({
        body: new TextEncoder().encode(
          JSON.stringify({
            openapi: "3.0.1",
            info: { title, version: "1" },
            paths: { "/items": { get: mock(), post: mock({ security: [{ api_key: [] }] }) } },
            components: { securitySchemes: { api_key: { type: "apiKey", name: "x-api-key", in: "header" } } },
          }),
        ),
      }),
    );
  const history = (resourceType, resourceId) => config.send(new GetResourceConfigHistoryCommand({ resourceType, resourceId }));
  const compliance = async (ruleName) =>
    (await config.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: ruleName }))).EvaluationResults.map((r) => ({
      id: r.EvaluationResultIdentifier.EvaluationResultQualifier.ResourceId,
      type: r.ComplianceType,
      annotation: r.Annotation,
    }));

  test("every change to a REST API is a configuration item with before and after, newest first", async () => {
    const api = await createApi("history");
    await gateway.client.send(
      new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [{ op: "replace", path: "/description", value: "second" }] }),
    );
    const items = (await history("AWS::ApiGateway::RestApi", api.id)).configurationItems;
    assert.deepEqual(items.map((i) => i.configurationItemStatus), ["OK", "ResourceDiscovered"]);
    assert.deepEqual(items.map((i) => i.configurationStateId), ["2", "1"]);
    assert.equal(JSON.parse(items[0].configuration).description, "second");
    assert.equal(JSON.parse(items[0].supplementaryConfiguration.PreviousConfiguration).description, undefined);
    assert.equal(items[0].supplementaryConfiguration.EventName, "UpdateRestApi");
    assert.ok(items[0].configurationItemCaptureTime instanceof Date);
  });

  test("a stage changed by a deployment and by UpdateStage has its history", async () => {
    const api = await importApi("stages");
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
    await gateway.client.send(
      new UpdateStageCommand({ restApiId: api.id, stageName: "prod", patchOperations: [{ op: "replace", path: "/tracingEnabled", value: "true" }] }),
    );
    const items = (await history("AWS::ApiGateway::Stage", `${api.id}/prod`)).configurationItems;
    assert.equal(items.length, 2);
    assert.equal(JSON.parse(items[0].configuration).tracingEnabled, true);
    assert.equal(JSON.parse(items[0].supplementaryConfiguration.PreviousConfiguration).tracingEnabled, false);
  });

  test("an unknown resource has no history", async () => {
    const error = await rejection(history("AWS::ApiGateway::RestApi", "nosuchapi"));
    assert.equal(error.name, "ResourceNotDiscoveredException");
  });

  test("the built-in endpoint-type rule marks non-PRIVATE APIs NON_COMPLIANT when it is put", async () => {
    const open = await createApi("regional-api");
    const closed = await createApi("private-api", ["PRIVATE"]);
    await config.send(
      new PutConfigRuleCommand({
        ConfigRule: { ConfigRuleName: "private-only", Source: { Owner: "AWS", SourceIdentifier: "API_GW_ENDPOINT_TYPE_CHECK" }, InputParameters: '{"endpointConfigurationTypes":"PRIVATE"}' },
      }),
    );
    const results = await compliance("private-only");
    assert.deepEqual(results.find((r) => r.id === open.id).type, "NON_COMPLIANT");
    assert.match(results.find((r) => r.id === open.id).annotation, /REGIONAL/);
    assert.deepEqual(results.find((r) => r.id === closed.id).type, "COMPLIANT");
    const described = await config.send(new DescribeConfigRulesCommand({ ConfigRuleNames: ["private-only"] }));
    assert.deepEqual(described.ConfigRules[0].Scope.ComplianceResourceTypes, ["AWS::ApiGateway::RestApi"]);
    await config.send(new DeleteConfigRuleCommand({ ConfigRuleName: "private-only" }));
  });

  test("a custom JSON rule is re-evaluated on every change to the resources it covers", async () => {
    const api = await importApi("custom-rule");
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "dev" }));
    await config.send(
      new PutConfigRuleCommand({
        ConfigRule: {
          ConfigRuleName: "tracing-on",
          Source: {
            Owner: "CUSTOM_POLICY",
            CustomPolicyDetails: {
              PolicyRuntime: "gateway-json-rules-1.0",
              PolicyText: JSON.stringify({ resourceType: "AWS::ApiGateway::Stage", conditions: [{ path: "tracingEnabled", equals: true }] }),
            },
          },
        },
      }),
    );
    const before = (await compliance("tracing-on")).find((r) => r.id === `${api.id}/dev`);
    assert.equal(before.type, "NON_COMPLIANT");
    assert.match(before.annotation, /tracingEnabled is false/);
    await gateway.client.send(
      new UpdateStageCommand({ restApiId: api.id, stageName: "dev", patchOperations: [{ op: "replace", path: "/tracingEnabled", value: "true" }] }),
    );
    assert.equal((await compliance("tracing-on")).find((r) => r.id === `${api.id}/dev`).type, "COMPLIANT");
  });

  test("the method-authorization rule names methods without a key or authorizer", async () => {
    const api = await importApi("open-methods");
    await config.send(
      new PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: "auth-everywhere", Source: { Owner: "AWS", SourceIdentifier: "API_GW_METHOD_AUTHORIZATION_REQUIRED" } } }),
    );
    await config.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ["auth-everywhere"] }));
    const result = (await compliance("auth-everywhere")).find((r) => r.id === api.id);
    assert.equal(result.type, "NON_COMPLIANT");
    assert.match(result.annotation, /GET \/items/);
    assert.doesNotMatch(result.annotation, /POST/);
  });

  test("the TLS rule evaluates the data-plane listeners on demand", async () => {
    await config.send(
      new PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: "tls12", Source: { Owner: "AWS", SourceIdentifier: "API_GW_SSL_MINIMUM_TLS_1_2" } } }),
    );
    assert.deepEqual(await compliance("tls12"), [{ id: "default", type: "COMPLIANT", annotation: undefined }]);
  });

  test("automatic remediation puts an API back to PRIVATE, and the remediation is audited", async () => {
    const api = await createApi("remediated", ["PRIVATE"]);
    await config.send(
      new PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: "keep-private", Source: { Owner: "AWS", SourceIdentifier: "API_GW_ENDPOINT_TYPE_CHECK" } } }),
    );
    await config.send(
      new PutRemediationConfigurationsCommand({
        RemediationConfigurations: [{ ConfigRuleName: "keep-private", TargetType: "SSM_DOCUMENT", TargetId: "Gateway-SetEndpointTypePrivate", Automatic: true }],
      }),
    );
    await gateway.client.send(
      new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [{ op: "replace", path: "/endpointConfiguration/types/PRIVATE", value: "REGIONAL" }] }),
    );
    const now = await gateway.client.send(new GetRestApiCommand({ restApiId: api.id }));
    assert.deepEqual(now.endpointConfiguration.types, ["PRIVATE"]);
    assert.equal((await compliance("keep-private")).find((r) => r.id === api.id).type, "COMPLIANT");
    const events = await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "config-remediation" }] }));
    assert.equal(events.Events.length, 1);
    assert.equal(events.Events[0].EventName, "UpdateRestApi");
    assert.equal(JSON.parse(events.Events[0].CloudTrailEvent).requestParameters.configRuleName, "keep-private");
    const items = (await history("AWS::ApiGateway::RestApi", api.id)).configurationItems;
    assert.deepEqual(items.map((i) => JSON.parse(i.configuration).endpointConfiguration.types[0]), ["PRIVATE", "REGIONAL", "PRIVATE"]);
    await config.send(new DeleteConfigRuleCommand({ ConfigRuleName: "keep-private" }));
  });

  test("malformed custom rules are refused with InvalidParameterValueException", async () => {
    for (const policy of ["not json", JSON.stringify({ resourceType: "X" }), JSON.stringify({ resourceType: "X", path: "a", in: 3 })]) {
      const error = await rejection(
        config.send(
          new PutConfigRuleCommand({
            ConfigRule: { ConfigRuleName: "bad", Source: { Owner: "CUSTOM_POLICY", CustomPolicyDetails: { PolicyRuntime: "gateway-json-rules-1.0", PolicyText: policy } } },
          }),
        ),
      );
      assert.equal(error.name, "InvalidParameterValueException");
    }
    const unknown = await rejection(config.send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: "nope" })));
    assert.equal(unknown.name, "NoSuchConfigRuleException");
  });
});
