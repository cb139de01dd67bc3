#!/usr/bin/env bash
# WebSocket benchmark: a real cluster (redis-server, 1 silo, 2 edges via deploy/local-cluster.sh) driven by
# node `ws` clients (bench/websockets/load.mjs): new connections/s, IDLE idle connections on edge 1 with
# edge + silo RSS, and cross-edge PostToConnection (POST through edge 2 to clients on edge 1) msgs/s + p99.
#   bash bench/websockets/run.sh [--no-build]
# Knobs (environment): IDLE (18000: the container's hard `ulimit -n` is 20000, and each connection is one
# descriptor in the edge and one in the client), CONNECT_COUNT (5000), CONNECT_CONCURRENCY (200),
# POST_SECONDS (20), POST_CONCURRENCY (64), POST_TARGETS (200), CONFIGURATION (Release).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
configuration=${CONFIGURATION:-Release}
build=true
[[ ${1:-} == --no-build ]] && build=false
fail() { echo "websockets-bench: $*" >&2; exit 1; }
for tool in redis-server node curl ss; do command -v "$tool" >/dev/null || fail "$tool not found"; done
[[ -d $root/tests/compat/node_modules/ws ]] || fail "run npm ci in tests/compat first"

# As many descriptors as this container allows (the hard limit); the edges and the client inherit it.
ulimit -n "$(ulimit -Hn)"
echo "ulimit -n: $(ulimit -n)"

out=$(mktemp -d "/tmp/websockets-bench.$(date +%Y%m%d-%H%M%S).XXXX")
export CLUSTER_DIR="$out/cluster" CONFIGURATION="$configuration"
free_port() { local port; for _ in $(seq 200); do port=$((20000 + RANDOM % 30000)); [[ -z $(ss -Htan "sport = :$port") ]] && { echo "$port"; return; }; done; fail "no free port"; }
REDIS_PORT=$(free_port); DATA_PORT_BASE=$(free_port); MGMT_PORT_BASE=$(free_port)
SILO_PORT_BASE=$(free_port); SILO_GATEWAY_PORT_BASE=$(free_port)
export REDIS_PORT DATA_PORT_BASE MGMT_PORT_BASE SILO_PORT_BASE SILO_GATEWAY_PORT_BASE
# The benchmark's clients are idle for the whole run and send thousands of messages/s from one IP.
export Gateway__WebSockets__IdleTimeout=01:00:00 Gateway__WebSockets__MaxMessagesPerSecondPerConnection=0
export Logging__LogLevel__Default=Warning

cleanup() {
  local status=$?
  bash "$root/deploy/local-cluster.sh" down --wipe >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT

if $build; then
  dotnet build -c "$configuration" "$root/OrleansGateway.sln" -nologo -v quiet >"$out/build.log" 2>&1 || fail "build failed ($out/build.log)"
fi
bash "$root/deploy/local-cluster.sh" up --silos 1 --edges 2 >"$out/cluster-up.log" 2>&1 || { cat "$out/cluster-up.log" >&2; fail "cluster did not start"; }
# shellcheck disable=SC1091
source "$CLUSTER_DIR/admin-credentials.env"
pids="edge1=$(cat "$CLUSTER_DIR/pids/edge1.pid"),edge2=$(cat "$CLUSTER_DIR/pids/edge2.pid"),silo1=$(cat "$CLUSTER_DIR/pids/silo1.pid")"

EDGE1_PORT=$((DATA_PORT_BASE + 1)) EDGE2_PORT=$((DATA_PORT_BASE + 2)) MGMT_PORT=$((MGMT_PORT_BASE + 1)) PIDS=$pids \
  node --max-old-space-size=4096 "$root/bench/websockets/load.mjs" | tee "$out/load.log"
grep '^RESULT ' "$out/load.log" | sed 's/^RESULT //' >"$out/summary.json"
echo "summary: $out/summary.json (machine: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
