#!/usr/bin/env bash
# Runs a gateway cluster on loopback: redis-server, N silos and M edges as separate processes.
#   deploy/local-cluster.sh up [--silos N] [--edges M]   (default 2 and 2)
#   deploy/local-cluster.sh down [--wipe]                 (--wipe also deletes Redis's data)
#   deploy/local-cluster.sh status
# Edge i (from 1) serves the data plane on http://127.0.0.1:(8080+i) and management on
# http://127.0.0.1:(9090+i). Admin key: GATEWAY_ADMIN_ACCESS_KEY_ID / GATEWAY_ADMIN_SECRET_ACCESS_KEY,
# or a generated pair kept in .cluster/admin-credentials.env (owner-only). API key secret:
# Gateway__ApiKeys__Secret, or one generated into .cluster/api-key-secret (owner-only).
# Knobs (environment): CLUSTER_DIR, REDIS_PORT (6379), DATA_PORT_BASE (8080), MGMT_PORT_BASE (9090),
# SILO_PORT_BASE (11110), SILO_GATEWAY_PORT_BASE (30000), CONFIGURATION (Release).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${CLUSTER_DIR:-$root/.cluster}
redis_port=${REDIS_PORT:-6379}
data_base=${DATA_PORT_BASE:-8080}
mgmt_base=${MGMT_PORT_BASE:-9090}
silo_base=${SILO_PORT_BASE:-11110}
gw_base=${SILO_GATEWAY_PORT_BASE:-30000}
configuration=${CONFIGURATION:-Release}
bin="$root/Edge/bin/$configuration/net10.0"

usage() { sed -n '2,10p' "$0"; exit 2; }

wait_for_http() { # url, what, seconds — waits for an answer that is not 503 (the edge serves after its first sync)
  local url=$1 what=$2 deadline=$((SECONDS + $3)) code
  while (( SECONDS < deadline )); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    if [[ $code != 000 && $code != 503 ]]; then return 0; fi
    sleep 0.5
  done
  echo "timed out waiting for $what ($url); see $state/logs" >&2
  return 1
}

start() { # name, args... — starts a .NET process in the background with its pid and log in $state
  local name=$1; shift
  nohup dotnet "$@" >"$state/logs/$name.log" 2>&1 &
  echo $! >"$state/pids/$name.pid"
}

random_chars() { # charset, count — no pipe that can die of SIGPIPE under pipefail
  LC_ALL=C tr -dc "$1" < <(head -c 4096 /dev/urandom) | cut -c "1-$2"
}

admin_credentials() {
  if [[ -n ${GATEWAY_ADMIN_ACCESS_KEY_ID:-} && -n ${GATEWAY_ADMIN_SECRET_ACCESS_KEY:-} ]]; then return; fi
  local file="$state/admin-credentials.env"
  if [[ ! -f $file ]]; then
    (umask 077
     id="AKIA$(random_chars 'A-Z2-7' 16)"
     secret="$(random_chars 'A-Za-z0-9' 40)"
     printf 'export GATEWAY_ADMIN_ACCESS_KEY_ID=%s\nexport GATEWAY_ADMIN_SECRET_ACCESS_KEY=%s\nexport AWS_ACCESS_KEY_ID=%s\nexport AWS_SECRET_ACCESS_KEY=%s\n' \
       "$id" "$secret" "$id" "$secret" >"$file")
  fi
  # shellcheck disable=SC1090
  source "$file"
  echo "admin access key id: $GATEWAY_ADMIN_ACCESS_KEY_ID (secret in $file)"
}

api_key_secret() { # one secret for every edge, so a key hashed by one edge resolves on all
  if [[ -n ${Gateway__ApiKeys__Secret:-} ]]; then export Gateway__ApiKeys__Secret; return; fi
  local file="$state/api-key-secret"
  if [[ ! -f $file ]]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n' >"$file")
  fi
  Gateway__ApiKeys__Secret=$(<"$file")
  export Gateway__ApiKeys__Secret
}

up() {
  local silos=2 edges=2
  while (( $# )); do
    case $1 in
      --silos) silos=$2; shift 2 ;;
      --edges) edges=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install -y redis-server" >&2; exit 1; }
  mkdir -p "$state/redis" "$state/logs" "$state/pids"
  if [[ -n $(ls -A "$state/pids" 2>/dev/null) ]]; then echo "already up (run down first)" >&2; exit 1; fi

  echo "building ($configuration)..."
  dotnet build -c "$configuration" "$root/Edge/Edge.csproj" -v quiet -nologo >"$state/logs/build.log" 2>&1 \
    || { cat "$state/logs/build.log"; exit 1; }

  # Append-only file: `down` keeps the cluster's state for the next `up`.
  # No periodic RDB snapshots on top of the AOF (--save ""): with a million API keys each one forked
  # a 1.5 GB Redis every minute, and on 2 busy cores writes stalled past the clients' 5 s timeout.
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$state/redis" --appendonly yes --save "" \
    --daemonize yes --pidfile "$state/pids/redis.pid" --logfile "$state/logs/redis.log"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

  admin_credentials
  api_key_secret
  local cluster=(--Gateway:Cluster:Redis="127.0.0.1:$redis_port")
  for i in $(seq "$silos"); do
    start "silo$i" "$bin/OrleansGateway.Silo.dll" "${cluster[@]}" \
      --Gateway:Cluster:SiloPort=$((silo_base + i)) --Gateway:Cluster:GatewayPort=$((gw_base + i))
  done
  # Request lines from ASP.NET Core and YARP at Information are several per request (millions in a
  # load test); errors and the gateway's own logs stay.
  for i in $(seq "$edges"); do
    start "edge$i" "$bin/OrleansGateway.Edge.dll" "${cluster[@]}" --Gateway:Mode=Cluster --Gateway:EdgeId="edge$i" \
      --Gateway:DataPlane:HttpPort=$((data_base + i)) --Gateway:DataPlane:HttpsPort=0 \
      --Gateway:Management:Port=$((mgmt_base + i)) \
      --Logging:LogLevel:Microsoft.AspNetCore=Warning --Logging:LogLevel:Yarp=Warning
  done
  for i in $(seq "$edges"); do
    wait_for_http "http://127.0.0.1:$((data_base + i))/" "edge$i" 90
    echo "edge$i: data plane http://127.0.0.1:$((data_base + i)), management http://127.0.0.1:$((mgmt_base + i))"
  done
  echo "up: redis 127.0.0.1:$redis_port, $silos silos, $edges edges (logs in $state/logs)"
}

down() {
  local wipe=false
  [[ ${1:-} == --wipe ]] && wipe=true
  shopt -s nullglob
  for pidfile in "$state"/pids/edge*.pid "$state"/pids/silo*.pid; do
    kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  for pidfile in "$state"/pids/edge*.pid "$state"/pids/silo*.pid; do
    local pid; pid=$(cat "$pidfile")
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  if [[ -f $state/pids/redis.pid ]]; then
    redis-cli -p "$redis_port" shutdown save >/dev/null 2>&1 || kill "$(cat "$state/pids/redis.pid")" 2>/dev/null || true
    rm -f "$state/pids/redis.pid"
  fi
  if $wipe; then rm -rf "$state/redis" "$state/admin-credentials.env"; echo "down (data wiped)"; else echo "down (Redis data kept in $state/redis)"; fi
}

status() {
  shopt -s nullglob
  for pidfile in "$state"/pids/*.pid; do
    local name; name=$(basename "$pidfile" .pid)
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$name: running"; else echo "$name: dead"; fi
  done
}

case ${1:-} in
  up) shift; up "$@" ;;
  down) shift; down "$@" ;;
  status) status ;;
  *) usage ;;
esac
