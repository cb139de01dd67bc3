import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetRestApiCommand,
  ImportRestApiCommand,
  UpdateRestApiCommand,
} from "@aws-sdk/client-api-gateway";
import { eventually, invoke, rejection, startGateway } from "./gateway.mjs";
import { encode } from "./documents.mjs";

/** One MOCK method, GET /pets, with an optional root x-amazon-apigateway-policy. */
const petsApi = (policy) =>
  JSON.stringify({
    openapi: "3.0.1",
    info: { title: "resource-policy", version: "1" },
    ...(policy ? { "x-amazon-apigateway-policy": policy } : {}),
    paths: {
      "/pets": {
        get: {
          responses: { 200: { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            responses: { default: { statusCode: "200", responseTemplates: { "application/json": "pets" } } },
          },
        },
      },
    },
  });

const allowFrom = (cidr) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: "*",
      Action: "execute-api:Invoke",
      Resource: "execute-api:/*",
      Condition: { IpAddress: { "aws:SourceIp": cidr } },
    },
  ],
});

const replacePolicy = (value) => [{ op: "replace", path: "/policy", value }];

describe("resource policies through the AWS SDK and a real edge process", () => {
  let gateway;
  before(async () => {
    gateway = await startGateway();
  });
  after(async () => {
    await gateway?.stop();
  });

  const pets = (restApiId) => invoke(gateway.dataPort, `${restApiId}.execute-api.localhost`, "/prod/pets");
  const arn = (restApiId) => `arn:aws:execute-api:us-east-1:000000000000:${restApiId}/prod/GET/pets`;

  test("an imported IP policy refuses other callers with API Gateway's message, and UpdateRestApi plus a redeployment lets 127.0.0.1 in", async () => {
    const { id: restApiId } = await gateway.client.send(new ImportRestApiCommand({ body: encode(petsApi(allowFrom("10.0.0.0/8"))) }));
    await gateway.client.send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));

    const refused = await eventually(async () => {
      const response = await pets(restApiId);
      return { done: response.headers["x-amzn-errortype"] === "AccessDeniedException", response };
    });
    assert.equal(refused.response.status, 403);
    assert.deepEqual(JSON.parse(refused.response.body), {
      message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${arn(restApiId)}`,
    });

    const loopback = JSON.stringify(allowFrom(["127.0.0.1/32", "::1/128"]));
    const updated = await gateway.client.send(new UpdateRestApiCommand({ restApiId, patchOperations: replacePolicy(loopback) }));
    const fetched = await gateway.client.send(new GetRestApiCommand({ restApiId }));
    assert.equal(updated.policy, loopback.replaceAll('"', '\\"'));
    assert.equal(fetched.policy, loopback.replaceAll('"', '\\"'));
    assert.equal((await pets(restApiId)).status, 403, "a policy change waits for the next deployment");

    await gateway.client.send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    const admitted = await eventually(async () => {
      const response = await pets(restApiId);
      return { done: response.status === 200, response };
    });
    assert.equal(admitted.response.status, 200);
    assert.equal(admitted.response.body, "pets");
  });

  test("a policy with a bad CIDR or an unknown field is a BadRequestException that names the problem", async () => {
    const { id: restApiId } = await gateway.client.send(new CreateRestApiCommand({ name: "bad-policies" }));

    const badCidr = await rejection(
      gateway.client.send(new UpdateRestApiCommand({ restApiId, patchOperations: replacePolicy(JSON.stringify(allowFrom("10.0.0.0/33"))) })),
    );
    const unknownField = await rejection(
      gateway.client.send(new CreateRestApiCommand({ name: "x", policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Conditions":{}}]}' })),
    );
    const badImport = await rejection(
      gateway.client.send(new ImportRestApiCommand({ body: encode(petsApi({ Statement: [{ Effect: "Maybe", Principal: "*", Action: "*", Resource: "*" }] })) })),
    );

    for (const error of [badCidr, unknownField, badImport]) {
      assert.equal(error.name, "BadRequestException");
      assert.equal(error.$metadata.httpStatusCode, 400);
    }
    assert.match(badCidr.message, /"10\.0\.0\.0\/33" is not a valid CIDR block \(prefix must be 0-32\)/);
    assert.match(unknownField.message, /Unknown field "Conditions" in Statement\[0\]/);
    assert.match(badImport.message, /Statement\[0\]\.Effect must be "Allow" or "Deny", not "Maybe"/);
  });

  test("a PRIVATE API cannot be deployed without a resource policy, and with one is explicitly denied on the public listener", async () => {
    const document = { ...JSON.parse(petsApi()), "x-amazon-apigateway-endpoint-configuration": { types: ["PRIVATE"] } };
    const { id: restApiId, endpointConfiguration } = await gateway.client.send(new ImportRestApiCommand({ body: encode(JSON.stringify(document)) }));
    assert.deepEqual(endpointConfiguration.types, ["PRIVATE"]);

    const refused = await rejection(gateway.client.send(new CreateDeploymentCommand({ restApiId, stageName: "prod" })));
    assert.equal(refused.name, "BadRequestException");
    assert.equal(refused.message, "Private REST API doesn't have a resource policy attached to it");

    await gateway.client.send(new UpdateRestApiCommand({ restApiId, patchOperations: replacePolicy(JSON.stringify(allowFrom("0.0.0.0/0"))) }));
    await gateway.client.send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    const onPublic = await eventually(async () => {
      const response = await pets(restApiId);
      return { done: response.headers["x-amzn-errortype"] === "AccessDeniedException", response };
    });
    assert.equal(onPublic.response.status, 403);
    assert.deepEqual(JSON.parse(onPublic.response.body), {
      message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${arn(restApiId)} with an explicit deny`,
    });
  });
});
