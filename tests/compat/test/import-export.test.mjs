import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateDeploymentCommand,
  GetExportCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
} from "@aws-sdk/client-api-gateway";
import { rejection, startGateway } from "./gateway.mjs";
import { decode, encode, ordersSwagger2Yaml, petstoreOpenApi3, toysOpenApi3 } from "./documents.mjs";

describe("OpenAPI import, put and export through the AWS SDK", () => {
  let gateway;
  before(async () => {
    gateway = await startGateway();
  });
  after(async () => {
    await gateway?.stop();
  });

  const importPetstore = () => gateway.client.send(new ImportRestApiCommand({ body: encode(petstoreOpenApi3(gateway.echoPort)) }));

  const resourcesByPath = async (restApiId, embed) => {
    const resources = await gateway.client.send(new GetResourcesCommand({ restApiId, limit: 500, embed: embed ? ["methods"] : undefined }));
    return new Map(resources.items.map((resource) => [resource.path, resource]));
  };

  test("ImportRestApi with OAS 3 JSON creates the API and its resources", async () => {
    const api = await importPetstore();

    assert.equal(api.$metadata.httpStatusCode, 201);
    assert.equal(api.name, "PetStore");
    assert.equal(api.description, "pets for sale");
    const resources = await resourcesByPath(api.id, true);
    assert.deepEqual([...resources.keys()].sort(), ["/", "/pets", "/pets/{petId}"]);
    assert.equal(resources.get("/").id, api.rootResourceId);
    assert.equal(resources.get("/pets/{petId}").parentId, resources.get("/pets").id);
    assert.equal(resources.get("/").resourceMethods.GET.methodIntegration.type, "MOCK");
    assert.equal(resources.get("/pets").resourceMethods.GET.methodIntegration.type, "HTTP_PROXY");
  });

  test("ImportRestApi with Swagger 2 YAML creates the API", async () => {
    const api = await gateway.client.send(new ImportRestApiCommand({ body: encode(ordersSwagger2Yaml) }));

    assert.equal(api.name, "Orders");
    assert.deepEqual(api.binaryMediaTypes, ["image/png"]);
    const resources = await resourcesByPath(api.id, false);
    assert.deepEqual(Object.keys(resources.get("/orders").resourceMethods).sort(), ["GET", "POST"]);
  });

  test("ImportRestApi with an invalid document is a BadRequestException", async () => {
    const error = await rejection(gateway.client.send(new ImportRestApiCommand({ body: encode("this is not openapi") })));

    assert.equal(error.name, "BadRequestException");
    assert.equal(error.$metadata.httpStatusCode, 400);
  });

  test("PutRestApi overwrite replaces the resources", async () => {
    const api = await importPetstore();

    const put = await gateway.client.send(new PutRestApiCommand({ restApiId: api.id, mode: "overwrite", body: encode(toysOpenApi3) }));

    assert.equal(put.$metadata.httpStatusCode, 200);
    assert.equal(put.id, api.id);
    assert.deepEqual([...(await resourcesByPath(api.id)).keys()].sort(), ["/", "/toys"]);
  });

  test("PutRestApi merge keeps the resources and adds new ones", async () => {
    const api = await importPetstore();

    await gateway.client.send(new PutRestApiCommand({ restApiId: api.id, mode: "merge", body: encode(toysOpenApi3) }));

    assert.deepEqual([...(await resourcesByPath(api.id)).keys()].sort(), ["/", "/pets", "/pets/{petId}", "/toys"]);
  });

  for (const [exportType, accepts, marker] of [
    ["oas30", "application/json", '"openapi"'],
    ["oas30", "application/yaml", "openapi:"],
    ["swagger", "application/json", '"swagger"'],
    ["swagger", "application/yaml", "swagger:"],
  ]) {
    test(`GetExport ${exportType} as ${accepts} returns the deployed definition`, async () => {
      const api = await importPetstore();
      await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));

      const exported = await gateway.client.send(
        new GetExportCommand({ restApiId: api.id, stageName: "prod", exportType, accepts, parameters: { extensions: "integrations" } }),
      );

      assert.ok(exported.body instanceof Uint8Array);
      const document = decode(exported.body);
      assert.ok(document.includes(marker), `export does not look like ${exportType}: ${document.slice(0, 200)}`);
      assert.ok(document.includes("/pets/{petId}"));
      assert.match(exported.contentType, accepts === "application/yaml" ? /yaml/ : /json/);
      assert.match(exported.contentDisposition, /^attachment/);
    });
  }
});
