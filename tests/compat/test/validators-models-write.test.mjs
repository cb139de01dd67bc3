import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import {
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  DeleteModelCommand,
  DeleteRequestValidatorCommand,
  GetModelCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  UpdateMethodCommand,
  UpdateModelCommand,
  UpdateRequestValidatorCommand,
} from "@aws-sdk/client-api-gateway";
import { eventually, rejection, startGateway } from "./gateway.mjs";

// One mock method; validators and models are added through the API, not the document.
const document = {
  openapi: "3.0.1",
  info: { title: "validator-model-writes", version: "1" },
  paths: {
    "/pets": {
      post: {
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: { default: { statusCode: "200" } },
        },
      },
    },
  },
};

const petSchema = JSON.stringify({
  $schema: "http://json-schema.org/draft-04/schema#",
  type: "object",
  required: ["name"],
  properties: { name: { type: "string" } },
});

/** A data-plane POST with a JSON body and an explicit Host header. */
function postJson(port, host, requestPath, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: requestPath,
        method: "POST",
        headers: { host, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        timeout: 10_000,
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("data-plane request timed out")));
    request.on("error", reject);
    request.end(body);
  });
}

describe("request validator and model write operations through the AWS SDK", () => {
  let gateway;
  let restApiId;
  let resourceId;
  before(async () => {
    gateway = await startGateway();
    const api = await gateway.client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(document)) }));
    restApiId = api.id;
    const resources = await gateway.client.send(new GetResourcesCommand({ restApiId }));
    resourceId = resources.items.find((r) => r.path === "/pets").id;
  });
  after(async () => {
    await gateway?.stop();
  });

  test("CreateModel returns the model; a taken name is ConflictException; a bad name or schema is BadRequestException", async () => {
    const model = await gateway.client.send(
      new CreateModelCommand({ restApiId, name: "Pet", description: "a pet", schema: petSchema, contentType: "application/json" }),
    );
    const duplicate = await rejection(
      gateway.client.send(new CreateModelCommand({ restApiId, name: "Pet", schema: "{}", contentType: "application/json" })),
    );
    const badName = await rejection(
      gateway.client.send(new CreateModelCommand({ restApiId, name: "Pet-2", schema: "{}", contentType: "application/json" })),
    );
    const badSchema = await rejection(
      gateway.client.send(new CreateModelCommand({ restApiId, name: "Broken", schema: '{"type": 5}', contentType: "application/json" })),
    );

    assert.equal(model.id, "Pet");
    assert.equal(model.name, "Pet");
    assert.equal(model.description, "a pet");
    assert.equal(model.contentType, "application/json");
    assert.deepEqual(JSON.parse(model.schema).required, ["name"]);
    assert.equal(duplicate.name, "ConflictException");
    assert.equal(badName.name, "BadRequestException");
    assert.match(badName.message, /alphanumeric/);
    assert.equal(badSchema.name, "BadRequestException");
    assert.match(badSchema.message, /Invalid model schema specified/);
  });

  test("UpdateModel replaces the description and schema", async () => {
    await gateway.client.send(new CreateModelCommand({ restApiId, name: "Owner", schema: "{}", contentType: "application/json" }));

    const updated = await gateway.client.send(
      new UpdateModelCommand({
        restApiId,
        modelName: "Owner",
        patchOperations: [
          { op: "replace", path: "/description", value: "an owner" },
          { op: "replace", path: "/schema", value: '{"type":"object","required":["id"]}' },
        ],
      }),
    );

    assert.equal(updated.description, "an owner");
    assert.deepEqual(JSON.parse(updated.schema).required, ["id"]);
  });

  test("CreateRequestValidator and UpdateRequestValidator return the validator's flags", async () => {
    const created = await gateway.client.send(
      new CreateRequestValidatorCommand({ restApiId, name: "params", validateRequestParameters: true }),
    );
    const updated = await gateway.client.send(
      new UpdateRequestValidatorCommand({
        restApiId,
        requestValidatorId: created.id,
        patchOperations: [{ op: "replace", path: "/validateRequestBody", value: "true" }],
      }),
    );
    const unknown = await rejection(
      gateway.client.send(new UpdateRequestValidatorCommand({ restApiId, requestValidatorId: "nope", patchOperations: [] })),
    );

    assert.equal(created.name, "params");
    assert.equal(created.validateRequestBody, false);
    assert.equal(created.validateRequestParameters, true);
    assert.equal(updated.validateRequestBody, true);
    assert.equal(unknown.name, "NotFoundException");
  });

  test("a validator and model attached with UpdateMethod reject bad bodies after CreateDeployment; in use, they cannot be deleted", async () => {
    const validator = await gateway.client.send(new CreateRequestValidatorCommand({ restApiId, name: "body", validateRequestBody: true }));
    await gateway.client.send(
      new UpdateMethodCommand({
        restApiId,
        resourceId,
        httpMethod: "POST",
        patchOperations: [
          { op: "replace", path: "/requestValidatorId", value: validator.id },
          { op: "add", path: "/requestModels/application~1json", value: "Pet" },
        ],
      }),
    );
    await gateway.client.send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    const host = `${restApiId}.execute-api.localhost`;

    const rejected = await eventually(async () => {
      const response = await postJson(gateway.dataPort, host, "/prod/pets", '{"name": 7}');
      return { done: response.status === 400, response };
    });
    const accepted = await postJson(gateway.dataPort, host, "/prod/pets", '{"name": "Rex"}');
    const modelInUse = await rejection(gateway.client.send(new DeleteModelCommand({ restApiId, modelName: "Pet" })));
    const validatorInUse = await rejection(
      gateway.client.send(new DeleteRequestValidatorCommand({ restApiId, requestValidatorId: validator.id })),
    );

    assert.equal(rejected.response.status, 400);
    assert.equal(JSON.parse(rejected.response.body).message, "Invalid request body");
    assert.equal(accepted.status, 200);
    assert.equal(modelInUse.name, "ConflictException");
    assert.equal(validatorInUse.name, "ConflictException");
  });

  test("DeleteModel and DeleteRequestValidator remove what no method uses", async () => {
    await gateway.client.send(new CreateModelCommand({ restApiId, name: "Spare", schema: "{}", contentType: "application/json" }));
    const spare = await gateway.client.send(new CreateRequestValidatorCommand({ restApiId, name: "spare" }));

    await gateway.client.send(new DeleteModelCommand({ restApiId, modelName: "Spare" }));
    await gateway.client.send(new DeleteRequestValidatorCommand({ restApiId, requestValidatorId: spare.id }));
    const missing = await rejection(gateway.client.send(new GetModelCommand({ restApiId, modelName: "Spare" })));
    const validators = await gateway.client.send(new GetRequestValidatorsCommand({ restApiId }));

    assert.equal(missing.name, "NotFoundException");
    assert.ok(!validators.items.some((v) => v.id === spare.id));
  });
});
