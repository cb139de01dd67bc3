#!/usr/bin/env bash
# What observability costs on the request path, on loopback: the same echo backend behind two dev-mode
# gateways started side by side and loaded in turn with the same wrk load:
#   plain    — Gateway:Observability:Enabled=false and no access log (no metrics, no spans);
#   observed — a JSON access log written to a file, metrics (Prometheus /metrics scraped every 5 s
#              during the run) and 10% trace sampling with OTLP/HTTP export to a loopback sink.
#   bash bench/observability-bench.sh [--out DIR] [--no-build]
# Knobs (environment): THREADS (1), CONNECTIONS (32), DURATION (15, seconds), WARMUP (3, seconds),
# ROUNDS (1; with more the two run interleaved and medians are reported), READY_TIMEOUT (60, seconds),
# CONFIGURATION (Release), SAMPLE_RATIO (0.1).
# Target: req/s(observed) >= 0.95 x req/s(plain). Raw wrk outputs and logs go to --out.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
threads=${THREADS:-1}
connections=${CONNECTIONS:-32}
duration=${DURATION:-15}
warmup=${WARMUP:-3}
rounds=${ROUNDS:-1}
ready_timeout=${READY_TIMEOUT:-60}
configuration=${CONFIGURATION:-Release}
sample_ratio=${SAMPLE_RATIO:-0.1}
out=""
build=true
host="samplepets.execute-api.localhost"

usage() { sed -n '2,12p' "$0"; exit 2; }
fail() { echo "observability-bench: $*" >&2; exit 1; }

while (( $# )); do
  case $1 in
    --out) [[ $# -ge 2 ]] || usage; out=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    *) usage ;;
  esac
done
for knob in threads connections duration warmup rounds ready_timeout; do
  [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || fail "${knob^^} must be a positive integer, not '${!knob}'"
done
(( duration <= 600 && warmup <= 60 && rounds <= 20 && ready_timeout <= 600 )) || fail "DURATION <= 600, WARMUP <= 60, ROUNDS <= 20, READY_TIMEOUT <= 600"
[[ $sample_ratio =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || fail "SAMPLE_RATIO must be between 0 and 1, not '$sample_ratio'"
for tool in wrk curl dotnet ss python3; do command -v "$tool" >/dev/null || fail "$tool not found (sudo apt-get install -y wrk curl iproute2 python3)"; done
[[ $(curl --help all 2>/dev/null) == *--aws-sigv4* ]] || fail "curl 7.75 or later is needed (--aws-sigv4 signs the management API calls)"

if [[ -z $out ]]; then out=$(mktemp -d "/tmp/observability-bench.$(date +%Y%m%d-%H%M%S).XXXX"); fi
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
scratch=$(mktemp -d)

pids=()
declare -A pid_of
cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$scratch"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

chosen_ports=" "
free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 40000))
    if [[ $chosen_ports != *" $port "* && -z $(ss -Htan "sport = :$port") ]]; then
      chosen_ports+="$port "; echo "$port"; return 0
    fi
  done
  fail "no free port found"
}

start() { # name, command, args... — in the background, output in $out/logs/<name>.log
  local name=$1; shift
  "$@" >"$out/logs/$name.log" 2>&1 &
  pids+=("$!"); pid_of[$name]=$!
}

if $build; then
  echo "building ($configuration)..."
  dotnet build -c "$configuration" "$root/Edge/Edge.csproj" -nologo -v quiet >"$out/logs/build.log" 2>&1 \
    || { tail -n 40 "$out/logs/build.log" >&2; fail "build failed (log: $out/logs/build.log)"; }
fi
edge_dll="$root/Edge/bin/$configuration/net10.0/OrleansGateway.Edge.dll"
[[ -f $edge_dll ]] || fail "$edge_dll missing: run without --no-build"

admin_id="AKIA$(LC_ALL=C tr -dc 'A-Z2-7' < <(head -c 4096 /dev/urandom) | cut -c 1-16)"
admin_secret=$(LC_ALL=C tr -dc 'A-Za-z0-9' < <(head -c 4096 /dev/urandom) | cut -c 1-40)
echo_port=$(free_port); sink_port=$(free_port)
start echo dotnet "$edge_dll" echo-backend --port "$echo_port"
# The OTLP/HTTP sink: answers 200 to every export, keeps only one line per export (its path and size).
start sink python3 -c '
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        size = int(self.headers.get("Content-Length", 0))
        self.rfile.read(size)
        with open(sys.argv[2], "a") as exports: exports.write(f"{self.path} {size}\n")
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
' "$sink_port" "$out/otlp-exports.txt"

declare -A data_port management_port
start_gateway() { # name, extra settings...
  local name=$1; shift
  data_port[$name]=$(free_port); management_port[$name]=$(free_port)
  mkdir -p "$scratch/$name"
  GATEWAY_ADMIN_ACCESS_KEY_ID=$admin_id GATEWAY_ADMIN_SECRET_ACCESS_KEY=$admin_secret \
  start "$name" dotnet "$edge_dll" --Gateway:Mode=Dev \
    --Gateway:DataPlane:HttpPort="${data_port[$name]}" --Gateway:DataPlane:HttpsPort=0 \
    --Gateway:Management:Port="${management_port[$name]}" \
    --Gateway:Dev:DataDirectory="$scratch/$name" --Gateway:Dev:EchoBackendPort=0 \
    --Gateway:Dev:SiloPort="$(free_port)" --Gateway:Dev:OrleansGatewayPort="$(free_port)" \
    --Gateway:Dev:DeploySamples=true --Logging:LogLevel:Default=Warning \
    --Gateway:Throttling:AccountRateLimit=1000000000 --Gateway:Throttling:AccountBurstLimit=1000000000 "$@"
}
start_gateway plain --Gateway:Observability:Enabled=false
start_gateway observed --Gateway:AccessLogs:Destinations:bench-access="file:$scratch/access.log" \
  --Gateway:Observability:Tracing:SampleRatio="$sample_ratio" \
  --Gateway:Observability:Otlp:Endpoint="http://127.0.0.1:$sink_port" --Gateway:Observability:Otlp:Protocol=http/protobuf

patch_stage() { # gateway name, JSON patch body — retried until the sample API exists
  local name=$1 body=$2 deadline=$((SECONDS + ready_timeout)) code=000
  while (( SECONDS < deadline )); do
    kill -0 "${pid_of[$name]}" 2>/dev/null || { tail -n 30 "$out/logs/$name.log" >&2; fail "$name exited"; }
    code=$(printf 'user = "%s:%s"\n' "$admin_id" "$admin_secret" | curl -s -K - -o /dev/null -w '%{http_code}' --max-time 10 \
      --aws-sigv4 "aws:amz:us-east-1:apigateway" -X PATCH -H 'Content-Type: application/json' --data "$body" \
      "http://127.0.0.1:${management_port[$name]}/restapis/samplepets/stages/prod" || true)
    [[ $code == 200 ]] && return 0
    sleep 0.5
  done
  fail "$name: PATCH stage answered $code (log: $out/logs/$name.log)"
}
echo_host='{"op":"replace","path":"/variables/echoHost","value":"127.0.0.1:'"$echo_port"'"}'
patch_stage plain '{"patchOperations":['"$echo_host"']}'
json_format='{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\",\"resourcePath\":\"$context.resourcePath\",\"status\":\"$context.status\",\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\"}'
patch_stage observed '{"patchOperations":['"$echo_host"',
  {"op":"replace","path":"/accessLogSettings/destinationArn","value":"arn:aws:logs:us-east-1:000000000000:log-group:bench-access"},
  {"op":"replace","path":"/accessLogSettings/format","value":"'"$json_format"'"}]}'

for name in plain observed; do
  deadline=$((SECONDS + ready_timeout))
  until body=$(curl -sf --max-time 2 -H "Host: $host" "http://127.0.0.1:${data_port[$name]}/prod/pets") && [[ $body == *"\"path\":\"/pets\""* ]]; do
    (( SECONDS < deadline )) || fail "$name did not proxy to the echo backend (log: $out/logs/$name.log)"
    sleep 0.5
  done
done
# The access log must really be written by the observed gateway before it is measured.
deadline=$((SECONDS + ready_timeout))
until [[ -s $scratch/access.log ]]; do
  curl -s -o /dev/null -H "Host: $host" "http://127.0.0.1:${data_port[observed]}/prod/pets"
  (( SECONDS < deadline )) || fail "no access-log line was written (log: $out/logs/observed.log)"
  sleep 0.5
done

run_wrk() { # name, seconds, output file
  timeout $(($2 + 30)) wrk -t"$threads" -c"$connections" -d"$2s" --latency -H "Host: $host" \
    "http://127.0.0.1:${data_port[$1]}/prod/pets" >"$3" 2>&1 || { cat "$3" >&2; fail "wrk failed for $1"; }
}
to_ms() {
  awk -v t="$1" 'BEGIN { if (t ~ /us$/) { sub(/us$/, "", t); print t / 1000 } else if (t ~ /ms$/) { sub(/ms$/, "", t); print t + 0 }
    else if (t ~ /s$/) { sub(/s$/, "", t); print t * 1000 } else { print "nan" } }'
}
parse_wrk() { # "rps p99_ms errors"
  local rps p99 non2xx
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$1")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$1")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$1")
  [[ -n $rps ]] || { cat "$1" >&2; fail "could not parse $1"; }
  echo "$rps $p99 ${non2xx:-0}"
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "load: wrk -t$threads -c$connections -d${duration}s (after ${warmup}s warm-up), $rounds round(s), $(nproc) cores, load average $(cut -d ' ' -f 1 /proc/loadavg); results in $out"
declare -A rps_list p99_list errors
for name in plain observed; do run_wrk "$name" "$warmup" "$out/warmup-$name.txt"; errors[$name]=0; done
scraper=""
for round in $(seq "$rounds"); do
  for name in plain observed; do
    if [[ $name == observed ]]; then
      # A Prometheus-like scrape every 5 s while the observed gateway is loaded.
      ( while sleep 5; do curl -s -o /dev/null "http://127.0.0.1:${management_port[observed]}/metrics"; done ) &
      scraper=$!
    fi
    run_wrk "$name" "$duration" "$out/wrk-$name-$round.txt"
    if [[ -n $scraper ]]; then kill "$scraper" 2>/dev/null || true; wait "$scraper" 2>/dev/null || true; scraper=""; fi
    read -r rps p99 non2xx < <(parse_wrk "$out/wrk-$name-$round.txt")
    rps_list[$name]+=" $rps"; p99_list[$name]+=" $p99"; errors[$name]=$(( errors[$name] + non2xx ))
    printf '  round %d %-9s %10.0f req/s  p99 %7.2f ms  non-2xx %s\n' "$round" "$name" "$rps" "$p99" "$non2xx"
  done
done

plain_rps=$(median "${rps_list[plain]}"); observed_rps=$(median "${rps_list[observed]}")
ratio=$(awk -v o="$observed_rps" -v p="$plain_rps" 'BEGIN { printf "%.3f", o / p }')
lines=$(wc -l <"$scratch/access.log")
scrape=$(curl -s "http://127.0.0.1:${management_port[observed]}/metrics")
count=$(awk '/^aws_apigateway_Count_total\{/ && /ApiId="samplepets"/ { s += $NF } END { print s + 0 }' <<<"$scrape")
dropped=$(awk '/^gateway_access_log_dropped_total/ { s += $NF } END { print s + 0 }' <<<"$scrape")
printf 'plain     %10.0f req/s (median)  p99 %s ms\n' "$plain_rps" "$(median "${p99_list[plain]}")"
printf 'observed  %10.0f req/s (median)  p99 %s ms\n' "$observed_rps" "$(median "${p99_list[observed]}")"
trace_exports=$(grep -c '^/v1/traces ' "$out/otlp-exports.txt" 2>/dev/null || true)
echo "observed / plain = $ratio (target >= 0.95); access-log lines written: $lines, dropped: $dropped; Count on /metrics: $count; OTLP trace exports received: ${trace_exports:-0}"
cat >"$out/summary.json" <<EOF
{"plain_rps": $plain_rps, "observed_rps": $observed_rps, "ratio": $ratio, "access_log_lines": $lines, "access_log_dropped": $dropped,
 "metrics_count": $count, "otlp_trace_exports": ${trace_exports:-0}, "errors_plain": ${errors[plain]}, "errors_observed": ${errors[observed]}, "sample_ratio": $sample_ratio,
 "rounds": $rounds, "duration_s": $duration, "connections": $connections, "threads": $threads}
EOF
awk -v r="$ratio" 'BEGIN { exit !(r >= 0.95) }' || { echo "below target"; exit 3; }
