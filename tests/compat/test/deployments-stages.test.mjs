import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteStageCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  ImportRestApiCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-api-gateway";
import { eventually, invoke, rejection, startGateway } from "./gateway.mjs";
import { encode, petstoreOpenApi3 } from "./documents.mjs";

describe("deployments and stages through the AWS SDK", () => {
  let gateway;
  before(async () => {
    gateway = await startGateway();
  });
  after(async () => {
    await gateway?.stop();
  });

  const newApi = async (name) => (await gateway.client.send(new CreateRestApiCommand({ name }))).id;

  test("CreateDeployment and GetDeployments", async () => {
    const restApiId = await newApi("deployments");

    const deployment = await gateway.client.send(new CreateDeploymentCommand({ restApiId, description: "first" }));
    const listed = await gateway.client.send(new GetDeploymentsCommand({ restApiId }));

    assert.equal(deployment.$metadata.httpStatusCode, 201);
    assert.ok(deployment.id);
    assert.equal(deployment.description, "first");
    assert.ok(deployment.createdDate instanceof Date);
    assert.deepEqual(listed.items.map((d) => d.id), [deployment.id]);
  });

  test("CreateStage, GetStage, GetStages, UpdateStage and DeleteStage", async () => {
    const restApiId = await newApi("stages");
    const first = await gateway.client.send(new CreateDeploymentCommand({ restApiId }));
    const second = await gateway.client.send(new CreateDeploymentCommand({ restApiId }));

    const created = await gateway.client.send(
      new CreateStageCommand({ restApiId, stageName: "dev", deploymentId: first.id, variables: { backend: "a.example" } }),
    );
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.cacheClusterStatus, "NOT_AVAILABLE");

    const fetched = await gateway.client.send(new GetStageCommand({ restApiId, stageName: "dev" }));
    assert.equal(fetched.deploymentId, first.id);
    assert.deepEqual(fetched.variables, { backend: "a.example" });

    const stages = await gateway.client.send(new GetStagesCommand({ restApiId }));
    assert.deepEqual(stages.item.map((s) => s.stageName), ["dev"]);

    const updated = await gateway.client.send(
      new UpdateStageCommand({
        restApiId,
        stageName: "dev",
        patchOperations: [
          { op: "replace", path: "/variables/x", value: "y" },
          { op: "replace", path: "/deploymentId", value: second.id },
        ],
      }),
    );
    assert.equal(updated.deploymentId, second.id);
    assert.deepEqual(updated.variables, { backend: "a.example", x: "y" });

    const deleted = await gateway.client.send(new DeleteStageCommand({ restApiId, stageName: "dev" }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    const error = await rejection(gateway.client.send(new GetStageCommand({ restApiId, stageName: "dev" })));
    assert.equal(error.name, "NotFoundException");
  });

  test("creating a stage twice is a ConflictException", async () => {
    const restApiId = await newApi("conflict");
    const deployment = await gateway.client.send(new CreateDeploymentCommand({ restApiId }));
    await gateway.client.send(new CreateStageCommand({ restApiId, stageName: "prod", deploymentId: deployment.id }));

    const error = await rejection(gateway.client.send(new CreateStageCommand({ restApiId, stageName: "prod", deploymentId: deployment.id })));

    assert.equal(error.name, "ConflictException");
    assert.equal(error.$metadata.httpStatusCode, 409);
  });

  test("a deployed MOCK method answers on the data plane", async () => {
    const api = await gateway.client.send(new ImportRestApiCommand({ body: encode(petstoreOpenApi3(gateway.echoPort)) }));
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));

    // The new configuration reaches the edge asynchronously (push, then pull and compile).
    const response = await eventually(async () => {
      const answer = await invoke(gateway.dataPort, `${api.id}.execute-api.localhost`, "/prod/");
      return { ...answer, done: answer.status === 200 };
    });

    assert.equal(response.status, 200, `data plane answered ${response.status}: ${response.body}\n${gateway.output()}`);
    assert.deepEqual(JSON.parse(response.body), { hello: "pets" });
  });

  test("an undeployed stage path is 403 Missing Authentication Token on the data plane", async () => {
    const api = await gateway.client.send(new ImportRestApiCommand({ body: encode(petstoreOpenApi3(gateway.echoPort)) }));
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
    await eventually(async () => {
      const answer = await invoke(gateway.dataPort, `${api.id}.execute-api.localhost`, "/prod/");
      return { done: answer.status === 200 };
    });

    const response = await invoke(gateway.dataPort, `${api.id}.execute-api.localhost`, "/prod/no/such/route");

    assert.equal(response.status, 403);
    assert.deepEqual(JSON.parse(response.body), { message: "Missing Authentication Token" });
  });
});
