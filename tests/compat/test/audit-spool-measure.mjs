// Measures the audit spool: management-call latency while Redis is down (each record fsync'd to the
// edge's spool file), then how long the drain into Redis takes once it is back, then `audit verify`.
// Run: cd tests/compat && node test/audit-spool-measure.mjs (not a test: node --test runs only *.test.mjs).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { freePort, startGateway, edgeDll } from "./gateway.mjs";

const calls = Number(process.env.CALLS ?? 1000);
const digestKey = "measure-digest-key-0123456789abcdef0123";
const directory = mkdtempSync(path.join(tmpdir(), "audit-spool-measure-"));
const port = await freePort();
const startRedis = () => spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
  "--appendfsync", "everysec", "--dir", directory], { stdio: "ignore" });
let redis = startRedis();
await new Promise((r) => setTimeout(r, 500));
const gateway = await startGateway([`--Gateway:Audit:Redis=127.0.0.1:${port}`, `--Gateway:Audit:DigestKey=${digestKey}`,
  `--Gateway:Audit:SpoolCapacity=${calls + 10}`, `--Gateway:Audit:SpoolPath=${path.join(directory, "spool.jsonl")}`]);
const pending = async () => {
  const text = await (await fetch(`http://127.0.0.1:${gateway.managementPort}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("gateway_audit_spool_pending"));
  return line ? Number(line.split(" ").at(-1)) : 0;
};
for (let i = 0; i < 100; i++) await gateway.client.send(new GetRestApisCommand({})); // warm-up
redis.kill("SIGKILL");
await new Promise((r) => setTimeout(r, 500));
const times = [];
for (let i = 0; i < calls; i++) {
  const t = process.hrtime.bigint();
  await gateway.client.send(new GetRestApisCommand({}));
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(`redis down (spooled): ${calls} GetRestApis, mean ${mean.toFixed(2)} ms, p50 ${times[Math.floor(calls * 0.5)].toFixed(2)} ms, p99 ${times[Math.floor(calls * 0.99)].toFixed(2)} ms; pending ${await pending()}`);
redis = startRedis();
const restarted = Date.now();
while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 50));
console.log(`drained ${calls} spooled records into Redis in ${Date.now() - restarted} ms after redis-server was started again`);
await gateway.stop();
const started = Date.now();
const result = JSON.parse(execFileSync("dotnet", [edgeDll, "audit", "verify", `--Gateway:Audit:Redis=127.0.0.1:${port}`, `--Gateway:Audit:DigestKey=${digestKey}`]).toString());
console.log(`audit verify: ${result.records} records, ${result.digests} digests, valid=${result.valid}, ${Date.now() - started} ms wall (includes dotnet start)`);
redis.kill();
