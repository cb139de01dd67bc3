// WebSocket load generator (node `ws` clients) for bench/websockets/run.sh. Phases:
//   1. new connections/s: CONNECT_COUNT connections opened with CONNECT_CONCURRENCY in flight (then closed);
//   2. idle connections: IDLE connections held open on edge 1, then edge + silo RSS read from /proc;
//   3. cross-edge PostToConnection: SigV4-signed POSTs through edge 2 to clients on edge 1, POST_CONCURRENCY
//      in flight for POST_SECONDS; messages/s and latency percentiles (POST answered, and POST sent → frame received).
// Inputs (environment): EDGE1_PORT, EDGE2_PORT, MGMT_PORT, GATEWAY_ADMIN_ACCESS_KEY_ID/SECRET, PIDS (name=pid,...).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(path.join(root, "tests", "compat", "package.json"));
const WebSocket = require("ws");
const v2 = require("@aws-sdk/client-apigatewayv2");
const iamSdk = require("@aws-sdk/client-iam");
// aws4 signs with node:crypto (native SHA-256), so the client spends little CPU per call.
const aws4 = require("aws4");

const env = (name, fallback) => process.env[name] ?? fallback;
const edge1 = Number(env("EDGE1_PORT")), edge2 = Number(env("EDGE2_PORT")), mgmt = Number(env("MGMT_PORT"));
const idleTarget = Number(env("IDLE", "18000"));
const connectCount = Number(env("CONNECT_COUNT", "5000"));
const connectConcurrency = Number(env("CONNECT_CONCURRENCY", "200"));
const postSeconds = Number(env("POST_SECONDS", "20"));
const postConcurrency = Number(env("POST_CONCURRENCY", "64"));
const postTargets = Number(env("POST_TARGETS", "200"));
const admin = { accessKeyId: env("GATEWAY_ADMIN_ACCESS_KEY_ID"), secretAccessKey: env("GATEWAY_ADMIN_SECRET_ACCESS_KEY") };
const pids = Object.fromEntries(env("PIDS", "").split(",").filter(Boolean).map((pair) => pair.split("=")));
const region = "us-east-1";

// The $default backend: answers each message with the caller's connection id (two-way route).
const backend = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const event = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    response.writeHead(200, { "content-type": "text/plain" });
    response.end(event.requestContext.connectionId);
  });
});
await new Promise((resolve) => backend.listen(0, "127.0.0.1", resolve));

const management = new v2.ApiGatewayV2Client({ endpoint: `http://127.0.0.1:${mgmt}`, region, credentials: admin, maxAttempts: 1 });
const api = await management.send(new v2.CreateApiCommand({ Name: "bench", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
const mock = await management.send(new v2.CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "MOCK" }));
await management.send(new v2.CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "$connect", Target: `integrations/${mock.IntegrationId}` }));
const whoami = await management.send(new v2.CreateIntegrationCommand({
  ApiId: api.ApiId, IntegrationType: "HTTP", IntegrationMethod: "POST", IntegrationUri: `http://127.0.0.1:${backend.address().port}/whoami`,
}));
const defaultRoute = await management.send(new v2.CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "$default", Target: `integrations/${whoami.IntegrationId}` }));
await management.send(new v2.CreateRouteResponseCommand({ ApiId: api.ApiId, RouteId: defaultRoute.RouteId, RouteResponseKey: "$default" }));
await management.send(new v2.CreateStageCommand({ ApiId: api.ApiId, StageName: "prod" }));
await management.send(new v2.CreateDeploymentCommand({ ApiId: api.ApiId, StageName: "prod" }));
const iam = new iamSdk.IAMClient({ endpoint: `http://127.0.0.1:${mgmt}`, region, credentials: admin, maxAttempts: 1 });
await iam.send(new iamSdk.CreateUserCommand({ UserName: "bench-pusher" }));
await iam.send(new iamSdk.PutUserPolicyCommand({
  UserName: "bench-pusher", PolicyName: "manage",
  PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:ManageConnections", Resource: "*" }] }),
}));
const { AccessKey } = await iam.send(new iamSdk.CreateAccessKeyCommand({ UserName: "bench-pusher" }));
const pusher = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
const host = `${api.ApiId}.execute-api.localhost`;

// Loopback has the whole 127/8: spreading clients over source addresses lifts the ~28k ephemeral-port bound.
let sourceIndex = 0;
const sourceAddress = () => `127.0.0.${2 + (Math.floor(sourceIndex++ / 20000) % 200)}`;

function open(port, onMessage) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/prod`, { headers: { host }, localAddress: sourceAddress(), perMessageDeflate: false });
    socket.on("open", () => resolve(socket));
    socket.on("message", (data) => onMessage?.(data));
    socket.on("unexpected-response", (_, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    socket.on("error", reject);
  });
}

async function pool(count, concurrency, task) {
  let next = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  });
  await Promise.all(workers);
}

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMiB(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return NaN;
  }
}

const results = { date: new Date().toISOString(), apiId: api.ApiId };

// Wait for the deployment to reach both edges.
for (const port of [edge1, edge2]) {
  for (let attempt = 0; ; attempt++) {
    try {
      (await open(port)).close();
      break;
    } catch (error) {
      if (attempt > 200) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

// Phase 1: new connections per second.
{
  const sockets = [];
  let failures = 0;
  const started = performance.now();
  await pool(connectCount, connectConcurrency, async () => {
    try {
      sockets.push(await open(edge1));
    } catch {
      failures++;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  results.connect = { opened: sockets.length, failures, seconds: +seconds.toFixed(2), perSecond: Math.round(sockets.length / seconds) };
  console.log("connect", results.connect);
  for (const socket of sockets) socket.terminate();
  await new Promise((r) => setTimeout(r, 3000));
}

// Phase 2: idle connections on edge 1.
const idle = [];
{
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMiB(pid)]));
  let failures = 0;
  let firstError;
  const started = performance.now();
  await pool(idleTarget, connectConcurrency, async () => {
    try {
      idle.push(await open(edge1));
    } catch (error) {
      failures++;
      firstError ??= String(error.message ?? error);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 10_000)); // let the edge report its connections and the GC settle
  const after = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMiB(pid)]));
  const openCount = idle.filter((s) => s.readyState === WebSocket.OPEN).length;
  results.idle = { target: idleTarget, open: openCount, failures, firstError, seconds: +seconds.toFixed(1), rssBeforeMiB: before, rssAfterMiB: after };
  console.log("idle", results.idle);
}

// Phase 3: cross-edge PostToConnection (clients on edge 1, POSTs through edge 2).
{
  const sentAt = new Map(); // payload → performance.now() when the POST was sent
  const endToEnd = [];
  const onMessage = (data) => {
    const key = data.toString();
    const at = sentAt.get(key);
    if (at !== undefined) {
      endToEnd.push(performance.now() - at);
      sentAt.delete(key);
    }
  };
  const targets = [];
  for (let i = 0; i < postTargets; i++) {
    const socket = await open(edge1, onMessage);
    // $default is two-way and its backend answers the caller's connection id.
    const id = await new Promise((resolve) => {
      socket.once("message", (data) => resolve(data.toString()));
      socket.send("whoami");
    });
    targets.push(id);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: postConcurrency });
  const post = async (connectionId, body) => {
    const request = aws4.sign({
      host, path: `/prod/@connections/${connectionId}`, method: "POST", service: "execute-api", region,
      headers: { "content-type": "application/octet-stream" }, body,
    }, pusher);
    return await new Promise((resolve, reject) => {
      const outgoing = http.request({ host: "127.0.0.1", port: edge2, method: "POST", path: request.path, headers: request.headers, agent }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode));
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };
  const latencies = [];
  const statuses = {};
  let sequence = 0;
  const deadline = performance.now() + postSeconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: postConcurrency }, async () => {
    while (performance.now() < deadline) {
      const n = sequence++;
      const body = `m${n}`;
      const t0 = performance.now();
      sentAt.set(body, t0);
      const status = await post(targets[n % targets.length], body);
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  latencies.sort((a, b) => a - b);
  endToEnd.sort((a, b) => a - b);
  const ok = statuses[200] ?? 0;
  results.crossEdgePost = {
    seconds: +seconds.toFixed(1), concurrency: postConcurrency, targets: targets.length, statuses,
    perSecond: Math.round(ok / seconds),
    postMs: { p50: +percentile(latencies, 50).toFixed(2), p99: +percentile(latencies, 99).toFixed(2) },
    deliveredFrames: endToEnd.length,
    endToEndMs: { p50: +percentile(endToEnd, 50).toFixed(2), p99: +percentile(endToEnd, 99).toFixed(2) },
  };
  console.log("crossEdgePost", results.crossEdgePost);
  agent.destroy();
}
console.log("RESULT " + JSON.stringify(results));
process.exit(0);
