// A real OpenID provider (oidc-provider) on a free loopback port, issuing RS256 JWT access tokens
// through the client-credentials grant with a resource indicator. Its signing key can be rotated:
// a new Provider with a new key replaces the old one behind the same port, as a real rotation would.

import http from "node:http";
import Provider from "oidc-provider";
import { exportJWK, generateKeyPair } from "jose";
import { freePort } from "./gateway.mjs";

export const clientId = "orders-client";
export const clientSecret = "orders-client-secret-0123456789";
export const audience = "orders-api";
export const resource = "https://orders.example";
export const scopes = "orders:read orders:admin";

/** An RS256 key pair with `kid`, plus its private JWK (for the provider) and public JWK. */
export async function rsaKey(kid) {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { kid, publicKey, privateKey, privateJwk, publicJwk };
}

function provider(issuer, key) {
  return new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ["client_credentials"],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [key.privateJwk] },
    scopes: scopes.split(" "),
    ttl: { ClientCredentials: 600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: scopes,
          audience,
          accessTokenFormat: "jwt",
          accessTokenTTL: 600,
          jwt: { sign: { alg: "RS256" } },
        }),
      },
    },
  });
}

/**
 * Starts the provider. Returns its issuer, a token() function (client credentials, optional scope),
 * rotate() to switch to a new signing key, and stop().
 */
export async function startOidcProvider() {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  let key = await rsaKey("key-1");
  let app = provider(issuer, key).callback();
  let jwksRequests = 0;
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/jwks")) {
      jwksRequests++;
    }
    app(req, res);
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));

  async function token(scope = scopes) {
    const response = await fetch(`${issuer}/token`, {
      method: "POST",
      headers: {
        authorization: "Basic " + Buffer.from(`${clientId}:${clientSecret}`).toString("base64"),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "client_credentials", scope, resource }),
    });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
    }
    return body.access_token;
  }

  return {
    issuer,
    token,
    key: () => key,
    jwksRequests: () => jwksRequests,
    async rotate(kid) {
      key = await rsaKey(kid);
      app = provider(issuer, key).callback();
      return key;
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
