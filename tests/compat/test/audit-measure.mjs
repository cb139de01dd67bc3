// Measures management-call latency with the audit trail in memory and in Redis (dev edge), then times `audit verify`.
// Run: cd tests/compat && node test/audit-measure.mjs (not a test: node --test runs only *.test.mjs).
import { spawn, execFileSync } from "node:child_process";
import { GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { freePort, startGateway, edgeDll } from "./gateway.mjs";

const calls = Number(process.env.CALLS ?? 2000);
async function measure(label) {
  const gateway = await startGateway();
  for (let i = 0; i < 100; i++) await gateway.client.send(new GetRestApisCommand({})); // warm-up
  const times = [];
  for (let i = 0; i < calls; i++) {
    const t = process.hrtime.bigint();
    await gateway.client.send(new GetRestApisCommand({}));
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  await gateway.stop();
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`${label}: ${calls} GetRestApis, mean ${mean.toFixed(2)} ms, p50 ${times[Math.floor(calls * 0.5)].toFixed(2)} ms, p99 ${times[Math.floor(calls * 0.99)].toFixed(2)} ms`);
}
await measure("memory trail");
const port = await freePort();
const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--dir", "/tmp/audit-measure"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
process.env.Gateway__Audit__Redis = `127.0.0.1:${port}`;
process.env.Gateway__Audit__DigestKey = "measure-digest-key-0123456789abcdef0123";
await measure("redis trail (appendonly, fsync everysec)");
const started = Date.now();
const out = execFileSync("dotnet", [edgeDll, "audit", "verify", `--Gateway:Audit:Redis=127.0.0.1:${port}`, "--Gateway:Audit:DigestKey=measure-digest-key-0123456789abcdef0123"]).toString();
const result = JSON.parse(out);
console.log(`audit verify: ${result.records} records, ${result.digests} digests, valid=${result.valid}, ${Date.now() - started} ms wall (includes dotnet start)`);
redis.kill();
