// Starts the built edge (OrleansGateway.Edge.dll) as a real process in dev mode on free loopback
// ports, and gives tests an unmodified AWS SDK client signed with the admin test key.
// Nothing here builds: run `dotnet build` on the repository first.

import { spawn } from "node:child_process";
import { mkdtemp, rm, access } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The edge assembly; GATEWAY_EDGE_DLL overrides the default Debug build output. */
export const edgeDll =
  process.env.GATEWAY_EDGE_DLL ?? path.join(repositoryRoot, "Edge", "bin", "Debug", "net10.0", "OrleansGateway.Edge.dll");

export const adminCredentials = {
  accessKeyId: "AKIDCOMPATTEST000001",
  secretAccessKey: "compat-test-secret-key-0123456789abcdef",
};

const startTimeoutMs = 90_000;

/** A port nobody listens on right now (the OS picks it). */
export async function freePort() {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Any HTTP answer (even 403 for an unsigned call) means the listener is up. */
function answers(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/restapis", timeout: 2_000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

/**
 * Starts the gateway and waits until its management port answers; `extraArgs` are more `--Key=Value` settings.
 * @returns {Promise<{managementPort:number, dataPort:number, echoPort:number, client:APIGatewayClient,
 *   clientWith:(credentials:object)=>APIGatewayClient, output:()=>string, stop:()=>Promise<void>}>}
 */
export async function startGateway(extraArgs = []) {
  try {
    await access(edgeDll);
  } catch {
    throw new Error(`${edgeDll} not found: build the repository first (dotnet build OrleansGateway.sln)`);
  }

  const [managementPort, dataPort, echoPort] = [await freePort(), await freePort(), await freePort()];
  const dataDirectory = await mkdtemp(path.join(os.tmpdir(), "orleansgateway-compat-"));
  const child = spawn(
    "dotnet",
    [
      edgeDll,
      "--Gateway:Mode=Dev",
      `--Gateway:DataPlane:HttpPort=${dataPort}`,
      "--Gateway:DataPlane:HttpsPort=0",
      `--Gateway:Management:Port=${managementPort}`,
      `--Gateway:Dev:DataDirectory=${dataDirectory}`,
      `--Gateway:Dev:EchoBackendPort=${echoPort}`,
      "--Gateway:Dev:DeploySamples=false",
      ...extraArgs,
    ],
    {
      cwd: path.dirname(edgeDll),
      env: {
        ...process.env,
        GATEWAY_ADMIN_ACCESS_KEY_ID: adminCredentials.accessKeyId,
        GATEWAY_ADMIN_SECRET_ACCESS_KEY: adminCredentials.secretAccessKey,
        DOTNET_ENVIRONMENT: "Development",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );

  // Kept for failure messages only; bounded so a chatty process cannot exhaust memory.
  let log = "";
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-64 * 1024);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  const exit = new Promise((resolve) => child.on("exit", (code, signal) => resolve((exited = { code, signal }))));

  const stop = async () => {
    if (exited === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    }
    await rm(dataDirectory, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeoutMs;
  while (!(await answers(managementPort))) {
    if (exited !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`gateway did not start (exit ${JSON.stringify(exited)}); output:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const clientWith = (credentials) =>
    new APIGatewayClient({
      endpoint: `http://127.0.0.1:${managementPort}`,
      region: "us-east-1",
      // A copy per client: the SDK annotates the credentials object it is given.
      credentials: { ...credentials },
      maxAttempts: 1,
    });

  return {
    managementPort,
    dataPort,
    echoPort,
    client: clientWith(adminCredentials),
    clientWith,
    output: () => log,
    stop,
  };
}

/** A data-plane request with an explicit Host header (fetch cannot set Host). */
export function invoke(port, host, requestPath, method = "GET") {
  return invokeWithHeaders(port, host, requestPath, {}, method);
}

/** Retries `attempt` until it returns a truthy value or the time runs out (config reaches edges asynchronously). */
export async function eventually(attempt, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await attempt();
    if (last.done || Date.now() > deadline) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Awaits a promise that must reject, and returns the SDK error. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** A data-plane request with an explicit Host header plus `headers` (e.g. Authorization). */
export function invokeWithHeaders(port, host, requestPath, headers, method = "GET") {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path: requestPath, method, headers: { ...headers, host }, timeout: 10_000 },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    request.on("timeout", () => request.destroy(new Error("data-plane request timed out")));
    request.on("error", reject);
    request.end();
  });
}
