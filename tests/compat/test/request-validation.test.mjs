import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  GetModelCommand,
  GetModelsCommand,
  GetRequestValidatorCommand,
  GetRequestValidatorsCommand,
  ImportRestApiCommand,
} from "@aws-sdk/client-api-gateway";
import { rejection, startGateway } from "./gateway.mjs";

// An API with two validators and two models, imported once for every test.
const document = {
  openapi: "3.0.1",
  info: { title: "validators", version: "1" },
  "x-amazon-apigateway-request-validators": {
    all: { validateRequestBody: true, validateRequestParameters: true },
    "params-only": { validateRequestBody: false, validateRequestParameters: true },
  },
  paths: {
    "/pets": {
      post: {
        "x-amazon-apigateway-request-validator": "all",
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
        "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' } },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: "object", description: "a pet", required: ["name"], properties: { name: { type: "string" } } },
      Tag: { type: "string" },
    },
  },
};

describe("request validators and models through the AWS SDK", () => {
  let gateway;
  let restApiId;
  before(async () => {
    gateway = await startGateway();
    const api = await gateway.client.send(new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(document)) }));
    restApiId = api.id;
  });
  after(async () => {
    await gateway?.stop();
  });

  test("GetRequestValidators lists the imported validators and GetRequestValidator reads one", async () => {
    const list = await gateway.client.send(new GetRequestValidatorsCommand({ restApiId }));
    const one = await gateway.client.send(new GetRequestValidatorCommand({ restApiId, requestValidatorId: "params-only" }));

    assert.deepEqual(
      list.items.map((v) => [v.id, v.name, v.validateRequestBody, v.validateRequestParameters]),
      [["all", "all", true, true], ["params-only", "params-only", false, true]],
    );
    assert.equal(one.validateRequestBody, false);
    assert.equal(one.validateRequestParameters, true);
  });

  test("GetRequestValidator with an unknown id is NotFoundException", async () => {
    const error = await rejection(gateway.client.send(new GetRequestValidatorCommand({ restApiId, requestValidatorId: "nope" })));

    assert.equal(error.name, "NotFoundException");
  });

  test("GetModels lists the component schemas and GetModel returns one with its schema as a string", async () => {
    const list = await gateway.client.send(new GetModelsCommand({ restApiId }));
    const pet = await gateway.client.send(new GetModelCommand({ restApiId, modelName: "Pet" }));

    assert.deepEqual(list.items.map((m) => m.name), ["Pet", "Tag"]);
    assert.equal(pet.contentType, "application/json");
    assert.equal(pet.description, "a pet");
    assert.deepEqual(JSON.parse(pet.schema).required, ["name"]);
  });
});
