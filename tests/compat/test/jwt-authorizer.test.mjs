// JWT authorizer against a real OpenID provider (oidc-provider on loopback) and the real built edge:
// tokens from the provider pass and carry their claims to the backend; tokens crafted with `jose`
// (expired, wrong audience/issuer, alg none, wrong key, tampered, HS256 keyed with the public key)
// are refused with 401; a token without the route's scope gets 403; a rotated key is picked up.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CreateDeploymentCommand, ImportRestApiCommand } from "@aws-sdk/client-api-gateway";
import { SignJWT, UnsecuredJWT, exportSPKI, generateKeyPair } from "jose";
import { eventually, invokeWithHeaders, startGateway } from "./gateway.mjs";
import { audience, startOidcProvider } from "./oidc.mjs";

function openApi(issuer, echoPort) {
  const mock = {
    type: "mock",
    requestTemplates: { "application/json": '{"statusCode": 200}' },
    responses: { default: { statusCode: "200", responseTemplates: { "application/json": "admin-ok" } } },
  };
  return {
    openapi: "3.0.1",
    info: { title: "jwt-compat", version: "1" },
    components: {
      securitySchemes: {
        oidc: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authorizer": {
            type: "jwt",
            identitySource: "$request.header.Authorization",
            jwtConfiguration: { issuer, audience: [audience] },
          },
        },
      },
    },
    paths: {
      "/claims": {
        get: {
          security: [{ oidc: [] }],
          responses: { 200: { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "http_proxy",
            httpMethod: "GET",
            uri: `http://127.0.0.1:${echoPort}/claims`,
            requestParameters: {
              "integration.request.header.x-caller": "context.authorizer.claims.client_id",
              "integration.request.header.x-scope": "context.authorizer.claims.scope",
            },
          },
        },
      },
      "/admin": {
        get: { security: [{ oidc: ["orders:admin"] }], responses: { 200: { description: "ok" } }, "x-amazon-apigateway-integration": mock },
      },
    },
  };
}

describe("JWT authorizer with a real OpenID provider", () => {
  let gateway;
  let idp;
  let host;

  const call = (path, authorization) =>
    invokeWithHeaders(gateway.dataPort, host, path, authorization === undefined ? {} : { authorization });

  /** Claims as the provider would issue them, signed with `key` as `alg` (jose). */
  const craft = (key, { alg = "RS256", kid = idp.key().kid, ...claims } = {}) =>
    new SignJWT({ client_id: "orders-client", scope: "orders:read", ...claims })
      .setProtectedHeader({ alg, kid, typ: "at+jwt" })
      .setIssuer(claims.iss ?? idp.issuer)
      .setAudience(claims.aud ?? audience)
      .setSubject("orders-client")
      .setIssuedAt(claims.iat ?? Math.floor(Date.now() / 1000) - 10)
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(key);

  const assertUnauthorized = (answer, what) => {
    assert.equal(answer.status, 401, `${what}: ${answer.status} ${answer.body}`);
    assert.deepEqual(JSON.parse(answer.body), { message: "Unauthorized" }, what);
    assert.match(answer.headers["www-authenticate"] ?? "", /^Bearer/, what);
  };

  before(async () => {
    idp = await startOidcProvider();
    // A forced JWKS refresh at most once a second, so the rotation test need not wait 30 s.
    process.env.Gateway__Authorizers__Jwt__RefreshInterval = "00:00:01";
    // A generous issuer fetch timeout (default 1.5 s): the machine running the tests may be busy.
    process.env.Gateway__Authorizers__Jwt__MetadataTimeout = "00:00:10";
    gateway = await startGateway();
    const api = await gateway.client.send(
      new ImportRestApiCommand({ body: new TextEncoder().encode(JSON.stringify(openApi(idp.issuer, gateway.echoPort))) }),
    );
    await gateway.client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
    host = `${api.id}.execute-api.localhost`;
    const deployed = await eventually(async () => {
      const answer = await call("/prod/claims");
      return { done: answer.status === 401, answer };
    });
    assert.equal(deployed.answer.status, 401, deployed.answer.body);
  });

  after(async () => {
    await gateway?.stop();
    await idp?.stop();
  });

  test("a token from the provider reaches the backend, which sees the configured claims", async () => {
    const token = await idp.token("orders:read");
    const answer = await call("/prod/claims", `Bearer ${token}`);

    assert.equal(answer.status, 200, answer.body);
    const echo = JSON.parse(answer.body);
    assert.equal(echo.headers["x-caller"], "orders-client");
    assert.equal(echo.headers["x-scope"], "orders:read");
  });

  test("a missing token is 401 with WWW-Authenticate: Bearer", async () => {
    const answer = await call("/prod/claims");

    assertUnauthorized(answer, "missing");
    assert.equal(answer.headers["www-authenticate"], "Bearer");
  });

  test("crafted bad tokens are all 401 invalid_token", async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = idp.key().privateKey;
    const other = await generateKeyPair("RS256");
    const genuine = (await idp.token("orders:read")).split(".");
    const payload = JSON.parse(Buffer.from(genuine[1], "base64url").toString());
    const tamperedPayload = Buffer.from(JSON.stringify({ ...payload, scope: "orders:admin" })).toString("base64url");
    const publicPem = await exportSPKI(idp.key().publicKey);

    const cases = {
      expired: await craft(key, { exp: now - 600, iat: now - 1200 }),
      "wrong audience": await craft(key, { aud: "someone-else", client_id: "someone-else" }),
      "wrong issuer": await craft(key, { iss: "http://127.0.0.1:1/other" }),
      "alg none": new UnsecuredJWT({ iss: idp.issuer, aud: audience, sub: "x", exp: now + 600 }).encode(),
      "another key with the same kid": await craft(other.privateKey),
      "tampered payload": `${genuine[0]}.${tamperedPayload}.${genuine[2]}`,
      "HS256 keyed with the public key": await craft(new TextEncoder().encode(publicPem), { alg: "HS256" }),
      "not a JWT": "definitely-not-a-jwt",
      "oversize": "a".repeat(20_000),
    };
    for (const [what, token] of Object.entries(cases)) {
      const answer = await call("/prod/claims", `Bearer ${token}`);
      assertUnauthorized(answer, what);
      assert.match(answer.headers["www-authenticate"], /error="invalid_token"/, what);
    }
  });

  test("a valid token without the route's scope is 403; with it, 200", async () => {
    const without = await call("/prod/admin", `Bearer ${await idp.token("orders:read")}`);
    const withScope = await call("/prod/admin", `Bearer ${await idp.token("orders:admin")}`);

    assert.equal(without.status, 403, without.body);
    assert.deepEqual(JSON.parse(without.body), { message: "Forbidden" });
    assert.match(without.headers["www-authenticate"], /error="insufficient_scope"/);
    assert.equal(withScope.status, 200, withScope.body);
    assert.equal(withScope.body, "admin-ok");
  });

  test("after the provider rotates to a new kid, the gateway refreshes its JWKS, accepts the new tokens and refuses the withdrawn key", async () => {
    const before = await idp.token("orders:read");
    assert.equal((await call("/prod/claims", `Bearer ${before}`)).status, 200);

    // Forced refreshes are rate-limited (RefreshInterval, 1 s here): let the ones the bad tokens
    // above may have forced age out, as a real rotation would be far apart from them.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const fetchesBefore = idp.jwksRequests();
    const retired = idp.key();
    await idp.rotate("key-2");
    const rotated = await idp.token("orders:read");
    const answer = await call("/prod/claims", `Bearer ${rotated}`);

    assert.equal(answer.status, 200, `${answer.body} ${answer.headers["www-authenticate"]}`);
    const refetches = idp.jwksRequests() - fetchesBefore;
    assert.ok(refetches >= 1 && refetches <= 2, `JWKS fetched ${refetches} times for one rotation`);
    // The withdrawn key no longer verifies anything new (not cached: a fresh jti).
    const stale = await call("/prod/claims", `Bearer ${await craft(retired.privateKey, { kid: retired.kid, jti: "after-rotation" })}`);
    assertUnauthorized(stale, "withdrawn key");
  });
});
