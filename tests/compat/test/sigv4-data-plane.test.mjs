// AWS_IAM methods on the real edge: callers created through @aws-sdk/client-iam sign data-plane
// requests with two independent SigV4 signers from npm (aws4 and @smithy/signature-v4).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import aws4 from "aws4";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { CreateDeploymentCommand, ImportRestApiCommand } from "@aws-sdk/client-api-gateway";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { adminCredentials, eventually, startGateway } from "./gateway.mjs";
import { encode } from "./documents.mjs";

const iamAuth = { "x-amazon-apigateway-auth": { type: "AWS_IAM" } };

function iamApi(echoPort) {
  const proxy = (method, path) => ({
    type: "http_proxy",
    httpMethod: method,
    uri: `http://127.0.0.1:${echoPort}${path}`,
    passthroughBehavior: "when_no_match",
  });
  const mock = {
    type: "mock",
    requestTemplates: { "application/json": '{"statusCode": 200}' },
    responses: { default: { statusCode: "200", responseTemplates: { "application/json": '{"ok":true}' } } },
  };
  return JSON.stringify({
    openapi: "3.0.1",
    info: { title: "iam-protected", version: "1" },
    paths: {
      "/public": { get: { responses: { 200: { description: "ok" } }, "x-amazon-apigateway-integration": mock } },
      "/pets": {
        get: { ...iamAuth, responses: { 200: { description: "ok" } }, "x-amazon-apigateway-integration": proxy("GET", "/pets") },
        post: { ...iamAuth, responses: { 200: { description: "ok" } }, "x-amazon-apigateway-integration": proxy("POST", "/pets") },
      },
      "/pets/{petId}": {
        get: {
          ...iamAuth,
          parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
          responses: { 200: { description: "ok" } },
          "x-amazon-apigateway-integration": {
            ...proxy("GET", "/pets/{petId}"),
            requestParameters: { "integration.request.path.petId": "method.request.path.petId" },
          },
        },
      },
      "/orders": { get: { ...iamAuth, responses: { 200: { description: "ok" } }, "x-amazon-apigateway-integration": mock } },
    },
  });
}

/** Sends a data-plane request with exactly these headers (Host included) to the edge. */
function send(port, { method = "GET", path, headers, body }) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method, headers, timeout: 10_000 }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode, headers: response.headers, body: text, json });
      });
    });
    request.on("timeout", () => request.destroy(new Error("data-plane request timed out")));
    request.on("error", reject);
    request.end(body);
  });
}

const rfc3986 = (value) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

describe("SigV4 (AWS_IAM) authorization of data-plane methods", () => {
  let gateway;
  let iam;
  let apiId;
  let host;
  let caller; // { accessKeyId, secretAccessKey } allowed GET/POST /pets*
  const region = "us-east-1";

  const policyFor = (id) => JSON.stringify({
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Action: "execute-api:Invoke",
      Resource: [`arn:aws:execute-api:${region}:000000000000:${id}/prod/*/pets`, `arn:aws:execute-api:${region}:000000000000:${id}/prod/GET/pets/*`],
    }],
  });

  const newCaller = async (userName) => {
    await iam.send(new CreateUserCommand({ UserName: userName }));
    await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: "pets", PolicyDocument: policyFor(apiId) }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
  };

  const withAws4 = (credentials, { method = "GET", path, body, headers = {} }) => {
    const options = { host, path, method, service: "execute-api", region, headers: { ...headers }, body };
    aws4.sign(options, credentials);
    return send(gateway.dataPort, { method, path, headers: options.headers, body });
  };

  const smithy = (credentials) => new SignatureV4({ credentials, region, service: "execute-api", sha256: Sha256 });

  const withSmithy = async (credentials, { method = "GET", path, body, headers = {}, signingDate }) => {
    const signed = await smithy(credentials).sign(
      new HttpRequest({ method, protocol: "http:", hostname: host, path, headers: { host, ...headers }, body }),
      signingDate ? { signingDate } : {},
    );
    return send(gateway.dataPort, { method, path, headers: signed.headers, body });
  };

  const presigned = async (credentials, path, { expiresIn = 60, signingDate } = {}) => {
    const request = await smithy(credentials).presign(
      new HttpRequest({ method: "GET", protocol: "http:", hostname: host, path, headers: { host } }),
      { expiresIn, ...(signingDate ? { signingDate } : {}) },
    );
    const query = Object.entries(request.query).map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&");
    return send(gateway.dataPort, { path: `${path}?${query}`, headers: { host } });
  };

  /** Polls until `check(response)` holds; returns how long it took (ms) and the last response. */
  const until = async (attempt, check, timeoutMs = 3_000) => {
    const started = Date.now();
    for (;;) {
      const response = await attempt();
      if (check(response) || Date.now() - started > timeoutMs) {
        return { elapsed: Date.now() - started, response };
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  before(async () => {
    gateway = await startGateway();
    iam = new IAMClient({ endpoint: `http://127.0.0.1:${gateway.managementPort}`, region, credentials: { ...adminCredentials }, maxAttempts: 1 });
    const api = await gateway.client.send(new ImportRestApiCommand({ body: encode(iamApi(gateway.echoPort)) }));
    apiId = api.id;
    host = `${apiId}.execute-api.localhost`;
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: "prod" }));
    const ready = await eventually(async () => {
      const response = await send(gateway.dataPort, { path: "/prod/public", headers: { host } });
      return { done: response.status === 200, response };
    });
    assert.equal(ready.response.status, 200, "the deployment never reached the edge");
    caller = await newCaller("caller");
  });
  after(async () => {
    await gateway?.stop();
  });

  test("a request signed with aws4 by an allowed caller reaches the backend, without the Authorization header", async () => {
    const response = await withAws4(caller, { path: "/prod/pets" });
    assert.equal(response.status, 200, response.body);
    assert.equal(response.json.path, "/pets");
    assert.equal(response.json.headers.authorization, undefined);
  });

  test("requests signed with @smithy/signature-v4 pass, including a double-encoded path and a signed body", async () => {
    const get = await withSmithy(caller, { path: "/prod/pets/a%20b%2Bc" });
    assert.equal(get.status, 200, get.body);

    const body = JSON.stringify({ name: "rex" });
    const post = await withSmithy(caller, { method: "POST", path: "/prod/pets", body, headers: { "content-type": "application/json" } });
    assert.equal(post.status, 200, post.body);
    assert.equal(post.json.body, body);

    // A session token is signed along (as SDKs do with temporary credentials) and otherwise ignored.
    const withToken = await withSmithy({ ...caller, sessionToken: "ignored-session-token" }, { path: "/prod/pets" });
    assert.equal(withToken.status, 200, withToken.body);
  });

  test("a method the caller's policy does not cover is 403 AccessDenied naming the user and the method ARN", async () => {
    const response = await withAws4(caller, { path: "/prod/orders" });
    assert.equal(response.status, 403);
    assert.equal(response.headers["x-amzn-errortype"], "AccessDeniedException");
    assert.equal(
      response.json.message,
      `User: arn:aws:iam::000000000000:user/caller is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:${region}:000000000000:${apiId}/prod/GET/orders`,
    );
  });

  test("an unsigned request is 403 Missing Authentication Token", async () => {
    const response = await send(gateway.dataPort, { path: "/prod/pets", headers: { host } });
    assert.equal(response.status, 403);
    assert.equal(response.json.message, "Missing Authentication Token");
    assert.equal(response.headers["x-amzn-errortype"], "MissingAuthenticationTokenException");
  });

  test("a wrong secret or a body altered after signing is 403 InvalidSignature; an unknown key is an invalid security token", async () => {
    const wrong = await withAws4({ accessKeyId: caller.accessKeyId, secretAccessKey: "x".repeat(40) }, { path: "/prod/pets" });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.headers["x-amzn-errortype"], "InvalidSignatureException");
    assert.match(wrong.json.message, /^The request signature we calculated does not match/);

    const options = { host, path: "/prod/pets", method: "POST", service: "execute-api", region, headers: {}, body: '{"a":1}' };
    aws4.sign(options, caller);
    const tampered = await send(gateway.dataPort, { method: "POST", path: "/prod/pets", headers: options.headers, body: '{"a":2}' });
    assert.equal(tampered.status, 403);
    assert.equal(tampered.headers["x-amzn-errortype"], "InvalidSignatureException");

    const unknown = await withAws4({ accessKeyId: "AKIAAAAAAAAAAAAAAAAA", secretAccessKey: caller.secretAccessKey }, { path: "/prod/pets" });
    assert.equal(unknown.status, 403);
    assert.equal(unknown.json.message, "The security token included in the request is invalid.");
  });

  test("a presigned URL works until it expires; a signature older than 5 minutes is refused as expired", async () => {
    const fresh = await presigned(caller, "/prod/pets");
    assert.equal(fresh.status, 200, fresh.body);

    const expired = await presigned(caller, "/prod/pets", { expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
    assert.equal(expired.status, 403);
    assert.equal(expired.headers["x-amzn-errortype"], "InvalidSignatureException");

    const old = await withSmithy(caller, { path: "/prod/pets", signingDate: new Date(Date.now() - 10 * 60_000) });
    assert.equal(old.status, 403);
    assert.match(old.json.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });

  test("a deactivated key stops working within a second, and works again once reactivated", async () => {
    const mine = await newCaller("toggled");
    assert.equal((await withAws4(mine, { path: "/prod/pets" })).status, 200);

    await iam.send(new UpdateAccessKeyCommand({ UserName: "toggled", AccessKeyId: mine.accessKeyId, Status: "Inactive" }));
    const off = await until(() => withAws4(mine, { path: "/prod/pets" }), (r) => r.status === 403);
    assert.equal(off.response.status, 403);
    assert.equal(off.response.json.message, "The security token included in the request is invalid.");
    assert.ok(off.elapsed < 1_000, `still accepted ${off.elapsed} ms after deactivation`);

    await iam.send(new UpdateAccessKeyCommand({ UserName: "toggled", AccessKeyId: mine.accessKeyId, Status: "Active" }));
    const on = await until(() => withAws4(mine, { path: "/prod/pets" }), (r) => r.status === 200);
    assert.equal(on.response.status, 200);
  });

  test("deleting the caller's policy turns its calls into 403 AccessDenied within a second", async () => {
    const mine = await newCaller("revoked");
    assert.equal((await withSmithy(mine, { path: "/prod/pets" })).status, 200);

    await iam.send(new DeleteUserPolicyCommand({ UserName: "revoked", PolicyName: "pets" }));
    const denied = await until(() => withSmithy(mine, { path: "/prod/pets" }), (r) => r.status === 403);
    assert.equal(denied.response.status, 403);
    assert.equal(denied.response.headers["x-amzn-errortype"], "AccessDeniedException");
    assert.ok(denied.elapsed < 1_000, `still allowed ${denied.elapsed} ms after the policy was deleted`);
  });
});
