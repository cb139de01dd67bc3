import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  DeleteClientCertificateCommand,
  GenerateClientCertificateCommand,
  GetClientCertificateCommand,
  GetClientCertificatesCommand,
  GetStageCommand,
  UpdateClientCertificateCommand,
  UpdateStageCommand,
  paginateGetClientCertificates,
} from "@aws-sdk/client-api-gateway";
import { rejection, startGateway } from "./gateway.mjs";

describe("client certificates through the AWS SDK", () => {
  let gateway;
  before(async () => {
    gateway = await startGateway();
  });
  after(async () => {
    await gateway?.stop();
  });

  const generate = (input = {}) => gateway.client.send(new GenerateClientCertificateCommand(input));

  test("GenerateClientCertificate returns a self-signed RSA 2048 certificate valid for 365 days, and no key", async () => {
    const created = await generate({ description: "orders backend", tags: { team: "orders" } });

    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.clientCertificateId, /^[a-z0-9]{6}$/);
    assert.equal(created.description, "orders backend");
    assert.deepEqual(created.tags, { team: "orders" });
    assert.ok(created.createdDate instanceof Date);
    assert.ok(created.expirationDate instanceof Date);
    assert.equal(created.expirationDate - created.createdDate, 365 * 24 * 3600 * 1000);
    const certificate = new X509Certificate(created.pemEncodedCertificate);
    assert.equal(certificate.subject, certificate.issuer);
    assert.equal(certificate.publicKey.asymmetricKeyDetails.modulusLength, 2048);
    assert.equal(new Date(certificate.validTo).getTime(), created.expirationDate.getTime());
    assert.ok(!JSON.stringify(created).includes("PRIVATE KEY"));
  });

  test("GetClientCertificate, UpdateClientCertificate and DeleteClientCertificate", async () => {
    const { clientCertificateId, pemEncodedCertificate } = await generate({ description: "before" });

    const fetched = await gateway.client.send(new GetClientCertificateCommand({ clientCertificateId }));
    assert.equal(fetched.pemEncodedCertificate, pemEncodedCertificate);
    assert.equal(fetched.description, "before");

    const updated = await gateway.client.send(
      new UpdateClientCertificateCommand({
        clientCertificateId,
        patchOperations: [{ op: "replace", path: "/description", value: "after" }],
      }),
    );
    assert.equal(updated.description, "after");

    const deleted = await gateway.client.send(new DeleteClientCertificateCommand({ clientCertificateId }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    const gone = await rejection(gateway.client.send(new GetClientCertificateCommand({ clientCertificateId })));
    assert.equal(gone.name, "NotFoundException");
    assert.equal(gone.$metadata.httpStatusCode, 404);
  });

  test("GetClientCertificates pages with position and limit, and the SDK paginator walks every page", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await generate()).clientCertificateId);
    }

    const first = await gateway.client.send(new GetClientCertificatesCommand({ limit: 2 }));
    assert.equal(first.items.length, 2);
    assert.ok(first.position);

    const seen = [];
    for await (const page of paginateGetClientCertificates({ client: gateway.client, pageSize: 1 }, {})) {
      seen.push(...page.items.map((item) => item.clientCertificateId));
      assert.ok(page.items.every((item) => item.pemEncodedCertificate.startsWith("-----BEGIN CERTIFICATE-----")));
    }
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(new Set(seen).size, seen.length);
    for (const id of ids) {
      assert.ok(seen.includes(id), `${id} missing from the listing`);
    }
  });

  test("UpdateStage sets /clientCertificateId, and refuses an unknown certificate with BadRequestException", async () => {
    const restApiId = (await gateway.client.send(new CreateRestApiCommand({ name: "mtls" }))).id;
    await gateway.client.send(new CreateDeploymentCommand({ restApiId, stageName: "prod" }));
    const { clientCertificateId } = await generate();

    const updated = await gateway.client.send(
      new UpdateStageCommand({
        restApiId,
        stageName: "prod",
        patchOperations: [{ op: "replace", path: "/clientCertificateId", value: clientCertificateId }],
      }),
    );
    assert.equal(updated.clientCertificateId, clientCertificateId);
    const stage = await gateway.client.send(new GetStageCommand({ restApiId, stageName: "prod" }));
    assert.equal(stage.clientCertificateId, clientCertificateId);

    const refused = await rejection(
      gateway.client.send(
        new UpdateStageCommand({
          restApiId,
          stageName: "prod",
          patchOperations: [{ op: "replace", path: "/clientCertificateId", value: "zzzzzz" }],
        }),
      ),
    );
    assert.equal(refused.name, "BadRequestException");
    assert.equal(refused.$metadata.httpStatusCode, 400);
  });

  test("GetClientCertificate of an unknown id is NotFoundException", async () => {
    const error = await rejection(gateway.client.send(new GetClientCertificateCommand({ clientCertificateId: "zzzzzz" })));

    assert.equal(error.name, "NotFoundException");
    assert.equal(error.message, "Invalid Client Certificate identifier specified");
  });
});
