#!/usr/bin/env bash
# API key scale benchmark: a real cluster (redis-server, 1 silo, 1 edge via deploy/local-cluster.sh)
# with KEYS API keys in one usage plan (throttle + quota), measured with wrk (a) rotating over 10 keys
# and (b) rotating over ACTIVE keys, interleaved, ROUNDS times, each both at saturation (closed loop:
# throughput, and a p99 that is mostly queueing) and paced at a fixed offered load (PACED_RATE req/s:
# each connection waits an exponentially distributed pause between requests, so the p99 is the
# latency a request sees, not the queue wrk builds). Prints req/s, p50, p99, the paced p99 ratio
# p99(b)/p99(a) (target <= 1.10), the saturation ratios, the edge's memory and key-cache size, and
# the key creation rate.
#   KEYS=1000000 ACTIVE=100000 bash bench/keys-scale.sh [--no-build]
# Knobs (environment): KEYS (1000000), ACTIVE (100000), ROUNDS (2), DURATION (20 s), CONNECTIONS (32),
# PACED_RATE (5000 req/s offered in the paced runs; 0 skips them), CONFIGURATION (Release),
# BATCH_CLIENT_THROTTLES (true: Gateway:Leases:BatchClientThrottles). Output (logs, wrk outputs,
# summary.json) goes to a new /tmp/keys-scale.* dir.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
keys=${KEYS:-1000000}
active=${ACTIVE:-100000}
rounds=${ROUNDS:-2}
duration=${DURATION:-20}
connections=${CONNECTIONS:-32}
paced_rate=${PACED_RATE:-5000}
configuration=${CONFIGURATION:-Release}
build=true
[[ ${1:-} == --no-build ]] && build=false

fail() { echo "keys-scale: $*" >&2; exit 1; }
for knob in keys active rounds duration connections; do
  [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || fail "${knob^^} must be a positive integer"
done
[[ $paced_rate =~ ^[0-9]+$ ]] || fail "PACED_RATE must be a non-negative integer"
(( active <= keys && keys <= 5000000 && active >= 10 )) || fail "need 10 <= ACTIVE <= KEYS <= 5,000,000"
for tool in wrk curl redis-server python3 ss; do command -v "$tool" >/dev/null || fail "$tool not found"; done

out=$(mktemp -d "/tmp/keys-scale.$(date +%Y%m%d-%H%M%S).XXXX")
mkdir -p "$out/csv"
export CLUSTER_DIR="$out/cluster" CONFIGURATION="$configuration"

free_port() { local port; for _ in $(seq 200); do port=$((20000 + RANDOM % 30000)); [[ -z $(ss -Htan "sport = :$port") ]] && { echo "$port"; return; }; done; fail "no free port"; }
REDIS_PORT=$(free_port); DATA_PORT_BASE=$(free_port); MGMT_PORT_BASE=$(free_port)
SILO_PORT_BASE=$(free_port); SILO_GATEWAY_PORT_BASE=$(free_port)
export REDIS_PORT DATA_PORT_BASE MGMT_PORT_BASE SILO_PORT_BASE SILO_GATEWAY_PORT_BASE
data_port=$((DATA_PORT_BASE + 1)); mgmt_port=$((MGMT_PORT_BASE + 1)); echo_port=$(free_port)
# wrk sends far more than API Gateway's default account limit (10,000 req/s); this measures keys, not 429s.
export Gateway__Throttling__AccountRateLimit=1000000000 Gateway__Throttling__AccountBurstLimit=1000000000
# Many keys in use: per-client throttles batched over shard grains (docs/limits-scale.md; off by default).
export Gateway__Leases__BatchClientThrottles=${BATCH_CLIENT_THROTTLES:-true}

echo_pid=""
cleanup() {
  local status=$?
  [[ -n $echo_pid ]] && kill "$echo_pid" 2>/dev/null
  bash "$root/deploy/local-cluster.sh" down --wipe >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT

if $build; then
  dotnet build -c "$configuration" "$root/OrleansGateway.sln" -nologo -v quiet >"$out/build.log" 2>&1 || fail "build failed ($out/build.log)"
fi
dotnet "$root/Edge/bin/$configuration/net10.0/OrleansGateway.Edge.dll" echo-backend --port "$echo_port" >"$out/echo.log" 2>&1 &
echo_pid=$!
bash "$root/deploy/local-cluster.sh" up --silos 1 --edges 1 >"$out/cluster-up.log" 2>&1 || { cat "$out/cluster-up.log" >&2; fail "cluster did not start"; }
# shellcheck disable=SC1091
source "$CLUSTER_DIR/admin-credentials.env"

response="$out/response.json"
call() { # method, path, [curl args...] — signed management call; body to $response, status to stdout
  local method=$1 path=$2; shift 2
  printf 'user = "%s:%s"\n' "$GATEWAY_ADMIN_ACCESS_KEY_ID" "$GATEWAY_ADMIN_SECRET_ACCESS_KEY" | curl -s -K - -o "$response" \
    -w '%{http_code}' --max-time 300 --aws-sigv4 "aws:amz:us-east-1:apigateway" -X "$method" "$@" "http://127.0.0.1:$mgmt_port$path" || true
}
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$response" "$1"; }
expect() { [[ $1 == "$2" ]] || { head -c 1000 "$response" >&2; fail "$3 answered $2, not $1"; }; }

code=$(call POST '/restapis?mode=import' -H 'Content-Type: application/json' --data-binary "@$root/bench/samples/keyed-proxy.openapi.json")
expect 201 "$code" "import"; api_id=$(field id)
code=$(call POST "/restapis/$api_id/deployments" -H 'Content-Type: application/json' \
  --data '{"stageName":"prod","variables":{"echoHost":"127.0.0.1:'"$echo_port"'"}}')
expect 201 "$code" "deployment"
code=$(call POST /usageplans -H 'Content-Type: application/json' --data \
  '{"name":"scale","apiStages":[{"apiId":"'"$api_id"'","stage":"prod"}],"throttle":{"rateLimit":1000000,"burstLimit":1000000},"quota":{"limit":2147483647,"period":"DAY"}}')
expect 201 "$code" "usage plan"; plan_id=$(field id)

# Key values: 40 random characters each, written once; the first ACTIVE are the ones wrk uses.
python3 - "$keys" "$plan_id" "$out" <<'EOF'
import secrets, string, sys
count, plan, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
alphabet = string.ascii_letters + string.digits
values = ["".join(secrets.choice(alphabet) for _ in range(40)) for _ in range(count)]
with open(f"{out}/values.txt", "w") as f:
    f.write("\n".join(values) + "\n")
for start in range(0, count, 10000):
    with open(f"{out}/csv/{start // 10000:05d}.csv", "w") as f:
        f.write("Key,Name,Enabled,UsagePlanIds\n")
        for i in range(start, min(start + 10000, count)):
            f.write(f'{values[i]},scale-{i},true,"{plan}"\n')
EOF
head -n 10 "$out/values.txt" >"$out/ten.txt"
head -n "$active" "$out/values.txt" >"$out/active.txt"

echo "creating $keys keys through ImportApiKeys (10,000 per call)..."
created_start=$SECONDS
for file in "$out"/csv/*.csv; do
  # Query parameters sorted by name: curl 7.88's --aws-sigv4 signs them in the order written.
  code=$(call POST '/apikeys?failonwarnings=true&format=csv&mode=import' -H 'Content-Type: text/csv' --data-binary "@$file")
  expect 201 "$code" "import of $file"
done
rss_mb() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$(cat "$CLUSTER_DIR/pids/$1.pid")/status"; }
edge_rss_mb() { rss_mb edge1; }
create_seconds=$((SECONDS - created_start))
echo "created $keys keys in ${create_seconds}s (silo RSS $(rss_mb silo1) MB)"

cat >"$out/rotate.lua" <<'EOF'
-- Sends each request with the next key from KEYS_FILE, round-robin. With MEAN_PAUSE_MS set, each
-- connection pauses an exponentially distributed time (that mean) before its next request: a
-- fixed offered load of about connections / mean pause, arriving at random as real clients do.
local keys = {}
for line in io.lines(os.getenv("KEYS_FILE")) do keys[#keys + 1] = line end
local i = 0
local mean_pause = tonumber(os.getenv("MEAN_PAUSE_MS") or "")
math.randomseed(os.time())
request = function()
  i = i + 1
  wrk.headers["x-api-key"] = keys[(i % #keys) + 1]
  return wrk.format("GET", "/prod/pets")
end
if mean_pause then
  delay = function()
    return math.floor(-math.log(1 - math.random()) * mean_pause + 0.5)
  end
end
EOF
url="http://127.0.0.1:$data_port/prod/pets"
run_wrk() { # keys file, seconds, output, [mean pause ms]
  KEYS_FILE=$1 MEAN_PAUSE_MS=${4:-} wrk -t1 -c"$connections" -d"$2s" --latency -H "Host: $api_id.execute-api.localhost" -s "$out/rotate.lua" "$url" >"$3" 2>&1
}
mean_pause_ms=""
(( paced_rate > 0 )) && mean_pause_ms=$(awk -v c="$connections" -v r="$paced_rate" 'BEGIN { printf "%.3f", c * 1000 / r }')
to_ms() { awk -v t="$1" 'BEGIN { if (t ~ /us$/) { sub(/us$/, "", t); print t / 1000 } else if (t ~ /ms$/) { sub(/ms$/, "", t); print t + 0 } else if (t ~ /s$/) { sub(/s$/, "", t); print t * 1000 } }'; }
parse() { echo "$(awk '/^Requests\/sec:/ { print $2 }' "$1") $(to_ms "$(awk '$1 == "50%" { print $2 }' "$1")") $(to_ms "$(awk '$1 == "99%" { print $2 }' "$1")") $(awk '/Non-2xx/ { print $NF }' "$1")"; }
# Runtime stalls the silo itself reported (Orleans' watchdog: GC pauses, thread-pool starvation);
# one during a measured round shows up as a p99 of seconds.
silo_stalls() { grep -c "Platform stalled\|Thread Pool execution stalled" "$CLUSTER_DIR/logs/silo1.log" || true; }
stats() { call GET /gateway/edge/stats >/dev/null; cat "$response"; }

# "Used in the last hour": every active key is used once before measuring.
echo "warming $active active keys..."
warm_seconds=$(( active / 2000 + 10 ))
run_wrk "$out/active.txt" "$warm_seconds" "$out/wrk-warm.txt"
run_wrk "$out/ten.txt" 5 "$out/wrk-warm-ten.txt"

declare -a p99_ten p99_active rps_ten rps_active paced_p99_ten paced_p99_active paced_rps_ten paced_rps_active
for round in $(seq "$rounds"); do
  if [[ -n $mean_pause_ms ]]; then
    for set in ten active; do
      run_wrk "$out/$set.txt" "$duration" "$out/wrk-paced-$set-$round.txt" "$mean_pause_ms"
      read -r rps p50 p99 errs <<<"$(parse "$out/wrk-paced-$set-$round.txt")"
      label=$([[ $set == ten ]] && echo "10 keys" || echo "$active keys")
      printf '  round %d  paced  %-13s %9.1f req/s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %s\n' "$round" "$label" "$rps" "$p50" "$p99" "${errs:-0}"
      if [[ $set == ten ]]; then paced_rps_ten+=("$rps"); paced_p99_ten+=("$p99"); else paced_rps_active+=("$rps"); paced_p99_active+=("$p99"); fi
    done
  fi
  run_wrk "$out/ten.txt" "$duration" "$out/wrk-ten-$round.txt"
  read -r rps p50 p99 errs <<<"$(parse "$out/wrk-ten-$round.txt")"
  printf '  round %d  10 keys      %9.1f req/s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %s\n' "$round" "$rps" "$p50" "$p99" "${errs:-0}"
  rps_ten+=("$rps"); p99_ten+=("$p99")
  run_wrk "$out/active.txt" "$duration" "$out/wrk-active-$round.txt"
  read -r rps p50 p99 errs <<<"$(parse "$out/wrk-active-$round.txt")"
  printf '  round %d  %-7s keys %9.1f req/s  p50 %6.2f ms  p99 %6.2f ms  non-2xx %s\n' "$round" "$active" "$rps" "$p50" "$p99" "${errs:-0}"
  rps_active+=("$rps"); p99_active+=("$p99")
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m_p99_ten=$(median "${p99_ten[@]}"); m_p99_active=$(median "${p99_active[@]}")
m_rps_ten=$(median "${rps_ten[@]}"); m_rps_active=$(median "${rps_active[@]}")
ratio=$(awk -v a="$m_p99_active" -v b="$m_p99_ten" 'BEGIN { printf "%.3f", a / b }')
rps_ratio=$(awk -v a="$m_rps_active" -v b="$m_rps_ten" 'BEGIN { printf "%.3f", a / b }')
paced_summary="null"
if [[ -n $mean_pause_ms ]]; then
  m_paced_p99_ten=$(median "${paced_p99_ten[@]}"); m_paced_p99_active=$(median "${paced_p99_active[@]}")
  m_paced_rps_ten=$(median "${paced_rps_ten[@]}"); m_paced_rps_active=$(median "${paced_rps_active[@]}")
  paced_ratio=$(awk -v a="$m_paced_p99_active" -v b="$m_paced_p99_ten" 'BEGIN { printf "%.3f", a / b }')
  paced_summary="{ \"offeredRate\": $paced_rate, \"tenKeys\": { \"requestsPerSecond\": $m_paced_rps_ten, \"p99Ms\": $m_paced_p99_ten }, \"activeKeys\": { \"requestsPerSecond\": $m_paced_rps_active, \"p99Ms\": $m_paced_p99_active }, \"p99Ratio\": $paced_ratio }"
fi
rss=$(edge_rss_mb)
silo_rss=$(rss_mb silo1)
stalls=$(silo_stalls)
edge_stats=$(stats)
echo
echo "keys-scale: $keys keys created in ${create_seconds}s; wrk -t1 -c$connections -d${duration}s, median of $rounds rounds; $(nproc) CPUs"
if [[ -n $mean_pause_ms ]]; then
  echo "  paced at $paced_rate req/s offered (mean pause ${mean_pause_ms} ms per connection):"
  echo "    10 keys:        $m_paced_rps_ten req/s, p99 $m_paced_p99_ten ms"
  echo "    $active keys: $m_paced_rps_active req/s, p99 $m_paced_p99_active ms"
  echo "    p99 ratio $paced_ratio (target <= 1.10: $(awk -v r="$paced_ratio" 'BEGIN { print (r <= 1.10) ? "met" : "NOT met" }'))"
fi
echo "  saturation (closed loop):"
echo "    10 keys:        $m_rps_ten req/s, p99 $m_p99_ten ms"
echo "    $active keys: $m_rps_active req/s, p99 $m_p99_active ms"
echo "    req/s ratio $rps_ratio; p99 ratio $ratio (at saturation the p99 is wrk's queue: it moves with req/s)"
echo "  edge RSS ${rss} MB; silo RSS ${silo_rss} MB; silo runtime stalls reported: $stalls; edge stats: $edge_stats"
# Whole run, warm-up included: throttle batches and quota leases per admitted request.
echo "  lease calls per admitted request: $(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); a=max(1,s["admittedRequests"]); print("throttle %.3f, quota %.3f, key lookups %.3f" % (s["throttleLeaseCalls"]/a, s["quotaLeaseCalls"]/a, s["keyLookupCalls"]/a))' "$edge_stats")"
cat >"$out/summary.json" <<EOF
{ "date": "$(date -u +%FT%TZ)", "keys": $keys, "active": $active, "createSeconds": $create_seconds,
  "tenKeys": { "requestsPerSecond": $m_rps_ten, "p99Ms": $m_p99_ten },
  "activeKeys": { "requestsPerSecond": $m_rps_active, "p99Ms": $m_p99_active },
  "p99Ratio": $ratio, "requestsPerSecondRatio": $rps_ratio, "paced": $paced_summary, "edgeRssMb": $rss, "siloRssMb": $silo_rss, "siloStalls": $stalls, "edgeStats": $edge_stats }
EOF
echo "outputs: $out"
