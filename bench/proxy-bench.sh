#!/usr/bin/env bash
# End-to-end proxy benchmark on loopback: the same echo backend measured (a) directly, (b) through a
# bare YARP forwarder, (c) through the gateway in dev mode, (d) through the same gateway on a route
# that requires an API key in a usage plan (throttle and quota), (e) on a route with a JWT authorizer
# (RS256 token from a loopback OIDC issuer, JWKS cached) and (f) on a route with a REQUEST authorizer
# at full cache hit, with the same wrk load for each; and (g) a POST of a ~1 KB JSON body with an Origin
# through a route with a body validator, CORS and a web ACL holding the core rule group, beside (h) the
# same POST through the bare YARP forwarder.
#   bash bench/proxy-bench.sh [--out DIR] [--variants a,b,c,d,e,f,g,h] [--no-build]
# Knobs (environment): THREADS (1), CONNECTIONS (32), DURATION (15, seconds), WARMUP (3, seconds),
# ROUNDS (1; with more, the variants run interleaved a,b,c,d,a,b,c,d,... and the medians are reported),
# READY_TIMEOUT (60, seconds), CONFIGURATION (Release); for d PLAN_RATE_LIMIT, PLAN_BURST_LIMIT, PLAN_QUOTA_LIMIT.
# Raw wrk outputs, process logs and summary.json go to --out (default: a new /tmp/proxy-bench.* dir).
# Targets: req/s(c) >= 0.90 x req/s(b), p99(c) <= 1.3 x p99(b), req/s(d) >= 0.85 x req/s(b) and
# at most 10 remote grain calls per 1,000 requests admitted in d; req/s(e) and req/s(f) >= 0.85 x req/s(b);
# req/s(g) >= 0.80 x req/s(b) (g/h, the same POST through the bare forwarder, is printed beside it).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
threads=${THREADS:-1}
connections=${CONNECTIONS:-32}
duration=${DURATION:-15}
warmup=${WARMUP:-3}
rounds=${ROUNDS:-1}
ready_timeout=${READY_TIMEOUT:-60}
configuration=${CONFIGURATION:-Release}
# Variant d's usage plan: by default the largest throttle (1,000,000 req/s, burst 1,000,000) and the
# largest DAY quota (2^31-1) the management API accepts, so neither triggers and d measures the cost
# of enforcing them, not their 429s.
plan_rate_limit=${PLAN_RATE_LIMIT:-1000000}
plan_burst_limit=${PLAN_BURST_LIMIT:-1000000}
plan_quota_limit=${PLAN_QUOTA_LIMIT:-2147483647}
out=""
variants="a,b,c,d,e,f,g,h"
build=true
gateway_host="samplepets.execute-api.localhost"

usage() { sed -n '2,18p' "$0"; exit 2; }
fail() { echo "proxy-bench: $*" >&2; exit 1; }

while (( $# )); do
  case $1 in
    --out) [[ $# -ge 2 ]] || usage; out=$2; shift 2 ;;
    --variants) [[ $# -ge 2 ]] || usage; variants=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    -h|--help) usage ;;
    *) usage ;;
  esac
done

for knob in threads connections duration warmup rounds ready_timeout plan_rate_limit plan_burst_limit plan_quota_limit; do
  value=${!knob}
  [[ $value =~ ^[1-9][0-9]*$ ]] || fail "${knob^^} must be a positive integer, not '$value'"
done
(( duration <= 600 && warmup <= 60 && rounds <= 20 && ready_timeout <= 600 )) \
  || fail "DURATION <= 600, WARMUP <= 60, ROUNDS <= 20 and READY_TIMEOUT <= 600 keep the run bounded"
(( connections >= threads )) || fail "CONNECTIONS ($connections) must be at least THREADS ($threads)"
[[ $variants =~ ^[a-h](,[a-h])*$ ]] || fail "--variants takes a comma-separated subset of a,b,c,d,e,f,g,h, not '$variants'"
IFS=, read -r -a selected <<<"$variants"

command -v wrk >/dev/null || fail "wrk not found. Install it: sudo apt-get install -y wrk (Debian/Ubuntu), brew install wrk (macOS)"
command -v curl >/dev/null || fail "curl not found. Install it: sudo apt-get install -y curl"
[[ $(curl --help all 2>/dev/null) == *--aws-sigv4* ]] || fail "curl 7.75 or later is needed (--aws-sigv4 signs the management API call)"
command -v dotnet >/dev/null || fail "dotnet not found: install the .NET SDK named in global.json"
command -v ss >/dev/null || fail "ss not found (used to pick free ports). Install it: sudo apt-get install -y iproute2"
if [[ ,$variants, == *,[defg],* ]]; then
  command -v jq >/dev/null || command -v python3 >/dev/null \
    || fail "variants d, e and f read ids from the management API's JSON with jq or python3: install one (sudo apt-get install -y jq)"
fi
if [[ ,$variants, == *,[ef],* ]]; then
  command -v python3 >/dev/null || fail "variants e and f serve their issuer / authorizer function with python3: sudo apt-get install -y python3"
  { command -v openssl && command -v xxd; } >/dev/null || fail "variant e makes its signing key with openssl and xxd: sudo apt-get install -y openssl xxd"
fi

if [[ -z $out ]]; then out=$(mktemp -d "/tmp/proxy-bench.$(date +%Y%m%d-%H%M%S).XXXX"); fi
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
# Dev mode's data directory (generated certificate, keys) lives only as long as the run.
dev_data=$(mktemp -d)

pids=()
declare -A pid_of
load_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local pid
  [[ -n $load_pid ]] && kill "$load_pid" 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$dev_data"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

chosen_ports=" "
free_port() { # a loopback port nobody listens on, distinct from the ports already chosen
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 40000))
    if [[ $chosen_ports != *" $port "* && -z $(ss -Htan "sport = :$port") ]]; then
      chosen_ports+="$port "
      echo "$port"
      return 0
    fi
  done
  fail "no free port found"
}

start() { # name, args... — a .NET process in the background, its output in $out/logs/<name>.log
  local name=$1; shift
  start_command "$name" dotnet "$@"
}

start_command() { # name, command, args... — any process in the background, its output in $out/logs/<name>.log
  local name=$1; shift
  "$@" >"$out/logs/$name.log" 2>&1 &
  pids+=("$!")
  pid_of[$name]=$!
}

wait_for_echo() { # name, url, text, [curl header arguments...] — waits for a 200 whose body is the echo backend's view of GET /pets containing text
  local name=$1 url=$2 text=$3 deadline=$((SECONDS + ready_timeout)) body
  shift 3
  while (( SECONDS < deadline )); do
    kill -0 "${pid_of[$name]}" 2>/dev/null || { tail -n 30 "$out/logs/$name.log" >&2; fail "$name exited before it was ready (log: $out/logs/$name.log)"; }
    if body=$(curl -sf --max-time 2 "$@" "$url") && [[ $body == *'"path":"/pets"'* && $body == *"$text"* ]]; then return 0; fi
    sleep 0.5
  done
  return 1
}

is_selected() { [[ " ${selected[*]} " == *" $1 "* ]]; }

if $build; then
  echo "building ($configuration)..."
  for project in Edge/Edge.csproj bench/BareForwarder/BareForwarder.csproj; do
    dotnet build -c "$configuration" "$root/$project" -nologo -v quiet >>"$out/logs/build.log" 2>&1 \
      || { tail -n 40 "$out/logs/build.log" >&2; fail "build of $project failed (log: $out/logs/build.log)"; }
  done
fi
edge_dll="$root/Edge/bin/$configuration/net10.0/OrleansGateway.Edge.dll"
forwarder_dll="$root/bench/BareForwarder/bin/$configuration/net10.0/OrleansGateway.BareForwarder.dll"
[[ -f $edge_dll && -f $forwarder_dll ]] || fail "build output missing ($edge_dll, $forwarder_dll): run without --no-build"

echo_port=$(free_port); forwarder_port=$(free_port); gateway_port=$(free_port)
management_port=$(free_port); silo_port=$(free_port); silo_gateway_port=$(free_port)

# One echo backend process for all four variants, beside (not inside) the proxies. Dev mode's own
# echo backend is off (EchoBackendPort=0); the sample API's stage variable echoHost is pointed at
# the standalone one through the management API, as a user would repoint a stage. The gateway's
# account-wide throttle (10,000 req/s by default, as API Gateway's) is raised far above what wrk can
# send, so that c and d measure the gateway's work and never its 429s.
start echo "$edge_dll" echo-backend --port "$echo_port"
start forwarder "$forwarder_dll" --port "$forwarder_port" --destination "http://127.0.0.1:$echo_port"
# A throw-away admin key for this run only, given to the gateway through its environment.
admin_id="AKIA$(LC_ALL=C tr -dc 'A-Z2-7' < <(head -c 4096 /dev/urandom) | cut -c 1-16)"
admin_secret=$(LC_ALL=C tr -dc 'A-Za-z0-9' < <(head -c 4096 /dev/urandom) | cut -c 1-40)
GATEWAY_ADMIN_ACCESS_KEY_ID=$admin_id GATEWAY_ADMIN_SECRET_ACCESS_KEY=$admin_secret \
start gateway "$edge_dll" --Gateway:Mode=Dev \
  --Gateway:DataPlane:HttpPort="$gateway_port" --Gateway:DataPlane:HttpsPort=0 \
  --Gateway:Management:Port="$management_port" \
  --Gateway:Dev:DataDirectory="$dev_data" --Gateway:Dev:EchoBackendPort=0 \
  --Gateway:Dev:SiloPort="$silo_port" --Gateway:Dev:OrleansGatewayPort="$silo_gateway_port" \
  --Gateway:Dev:DeploySamples=true --Logging:LogLevel:Default=Warning \
  --Gateway:Throttling:AccountRateLimit=1000000000 --Gateway:Throttling:AccountBurstLimit=1000000000

declare -A url=(
  [a]="http://127.0.0.1:$echo_port/pets"
  [b]="http://127.0.0.1:$forwarder_port/pets"
  [c]="http://127.0.0.1:$gateway_port/prod/pets"
  [d]="http://127.0.0.1:$gateway_port/prod/pets"
  [e]="http://127.0.0.1:$gateway_port/prod/pets"
  [f]="http://127.0.0.1:$gateway_port/prod/pets"
  [g]="http://127.0.0.1:$gateway_port/prod/pets"
  [h]="http://127.0.0.1:$forwarder_port/pets"
)
# d's host is known once its API is imported: the API id is the host's first label.
declare -A host=([a]="" [b]="" [c]="$gateway_host" [d]="" [e]="" [f]="" [g]="" [h]="")
declare -A label=(
  [a]="a direct (echo backend)"
  [b]="b bare YARP forwarder"
  [c]="c gateway (dev mode)"
  [d]="d gateway, key+usage plan"
  [e]="e gateway, JWT authorizer"
  [f]="f gateway, REQUEST authz"
  [g]="g gateway, POST protected"
  [h]="h bare YARP, same POST"
)
# Variant d's API key: throw-away, valid only in this run's gateway, whose data directory is deleted
# at exit. It is on wrk's command line (ps shows it), which is acceptable for a key that guards nothing.
api_key=$(LC_ALL=C tr -dc 'A-Za-z0-9' < <(head -c 4096 /dev/urandom) | cut -c 1-40)
# The management API's answers, for reading ids; inside dev_data, so deleted at exit.
response="$dev_data/management-response.json"

request_headers() { # variant — fills the array `headers` with that variant's curl/wrk header arguments
  headers=()
  if [[ -n ${host[$1]} ]]; then headers+=(-H "Host: ${host[$1]}"); fi
  if [[ $1 == d ]]; then headers+=(-H "x-api-key: $api_key"); fi
  if [[ $1 == e ]]; then headers+=(-H "Authorization: Bearer $jwt"); fi
  if [[ $1 == f ]]; then headers+=(-H "x-user: bench-user"); fi
}

management_call() { # method, path, [curl arguments...] — one SigV4-signed management API call; the body goes to $response, the HTTP status to stdout
  signed_call apigateway "$@"
}

waf_call() { # operation, JSON body — one WAFv2 call (JSON protocol on POST /); the body goes to $response, the HTTP status to stdout
  signed_call wafv2 POST / -H "X-Amz-Target: AWSWAF_20190729.$1" -H 'Content-Type: application/x-amz-json-1.1' --data "$2"
}

signed_call() { # service, method, path, [curl arguments...] — one management call signed for that service
  local service=$1 method=$2 path=$3
  shift 3
  : >"$response"  # no stale body from an earlier call when this one gets no answer
  # The admin key goes to curl on stdin (-K -), not on its command line where ps would show it.
  printf 'user = "%s:%s"\n' "$admin_id" "$admin_secret" | curl -s -K - -o "$response" -w '%{http_code}' --max-time 10 \
    --aws-sigv4 "aws:amz:us-east-1:$service" -X "$method" "$@" "http://127.0.0.1:$management_port$path" || true
}

json_field() { # file, name — a top-level field of a JSON object; empty when absent or not JSON
  if command -v jq >/dev/null; then
    jq -r --arg name "$2" '.[$name] // empty' "$1" 2>/dev/null || true
  else
    python3 -c 'import json, sys; v = json.load(open(sys.argv[1])).get(sys.argv[2]); print("" if v is None else v)' "$1" "$2" 2>/dev/null || true
  fi
}

json_sum() { # file, names... — the sum of top-level numeric fields (an absent one counts 0); empty when not JSON
  local file=$1
  shift
  if command -v jq >/dev/null; then
    jq -r '[$ARGS.positional[] as $name | (.[$name] // 0)] | add' "$file" --args "$@" 2>/dev/null || true
  else
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(sum(d.get(n) or 0 for n in sys.argv[2:]))' "$file" "$@" 2>/dev/null || true
  fi
}

expect_status() { # expected, what, status — fails with the management API's answer unless the status is the expected one
  if [[ $3 == "$1" ]]; then return 0; fi
  local hint=""
  if [[ $3 == 404 ]]; then hint=". This build may not have the API key and usage plan endpoints yet: run --variants a,b,c"; fi
  if [[ -s $response ]]; then head -c 2000 "$response" >&2; echo >&2; fi
  fail "$2 answered HTTP $3, not $1$hint (log: $out/logs/gateway.log)"
}

point_sample_at_echo() { # PATCHes stage prod's echoHost until the sample API exists; prints the last HTTP status
  local deadline=$((SECONDS + ready_timeout)) code=000
  local operations='{"patchOperations":[{"op":"replace","path":"/variables/echoHost","value":"127.0.0.1:'"$echo_port"'"}]}'
  while (( SECONDS < deadline )); do
    kill -0 "${pid_of[gateway]}" 2>/dev/null || break
    code=$(management_call PATCH /restapis/samplepets/stages/prod -H 'Content-Type: application/json' --data "$operations")
    if [[ $code == 200 ]]; then break; fi
    sleep 0.5
  done
  echo "$code"
}

set_up_keyed_api() { # variant d: imports and deploys bench/samples/keyed-proxy.openapi.json, creates a key in a usage plan; sets host[d]
  local deadline=$((SECONDS + ready_timeout)) code=000 api_id key_id plan_id key_body
  # The first call is retried while the management API is still starting (no answer, or a 5xx).
  while (( SECONDS < deadline )); do
    kill -0 "${pid_of[gateway]}" 2>/dev/null || break
    code=$(management_call POST '/restapis?mode=import' -H 'Content-Type: application/json' \
      --data-binary "@$root/bench/samples/keyed-proxy.openapi.json")
    if [[ $code != 000 && $code != 5* ]]; then break; fi
    sleep 0.5
  done
  expect_status 201 "importing bench/samples/keyed-proxy.openapi.json (POST /restapis?mode=import)" "$code"
  api_id=$(json_field "$response" id)
  [[ $api_id =~ ^[A-Za-z0-9]+$ ]] || fail "the import answered no usable API id: $(head -c 500 "$response")"

  code=$(management_call POST "/restapis/$api_id/deployments" -H 'Content-Type: application/json' \
    --data '{"stageName":"prod","variables":{"echoHost":"127.0.0.1:'"$echo_port"'"}}')
  expect_status 201 "deploying stage prod of API $api_id (POST /restapis/$api_id/deployments)" "$code"

  # The value goes in a file (-d @file), not on curl's command line.
  key_body="$dev_data/api-key.json"
  printf '{"name":"bench","enabled":true,"value":"%s"}' "$api_key" >"$key_body"
  code=$(management_call POST /apikeys -H 'Content-Type: application/json' --data-binary "@$key_body")
  expect_status 201 "creating the API key (POST /apikeys)" "$code"
  key_id=$(json_field "$response" id)
  [[ -n $key_id ]] || fail "POST /apikeys answered no key id"

  code=$(management_call POST /usageplans -H 'Content-Type: application/json' --data \
    '{"name":"bench","apiStages":[{"apiId":"'"$api_id"'","stage":"prod"}],"throttle":{"rateLimit":'"$plan_rate_limit"',"burstLimit":'"$plan_burst_limit"'},"quota":{"limit":'"$plan_quota_limit"',"period":"DAY"}}')
  expect_status 201 "creating the usage plan (POST /usageplans)" "$code"
  plan_id=$(json_field "$response" id)
  [[ -n $plan_id ]] || fail "POST /usageplans answered no plan id"

  code=$(management_call POST "/usageplans/$plan_id/keys" -H 'Content-Type: application/json' \
    --data '{"keyId":"'"$key_id"'","keyType":"API_KEY"}')
  expect_status 201 "adding the key to the usage plan (POST /usageplans/$plan_id/keys)" "$code"
  host[d]="$api_id.execute-api.localhost"
}

import_and_deploy() { # document file, what — imports and deploys stage prod pointed at the echo backend; prints the API id
  local document=$1 what=$2 deadline=$((SECONDS + ready_timeout)) code=000 api_id
  while (( SECONDS < deadline )); do
    kill -0 "${pid_of[gateway]}" 2>/dev/null || break
    code=$(management_call POST '/restapis?mode=import' -H 'Content-Type: application/json' --data-binary "@$document")
    if [[ $code != 000 && $code != 5* ]]; then break; fi
    sleep 0.5
  done
  expect_status 201 "importing $what (POST /restapis?mode=import)" "$code" >&2
  api_id=$(json_field "$response" id)
  [[ $api_id =~ ^[A-Za-z0-9]+$ ]] || fail "the import of $what answered no usable API id: $(head -c 500 "$response")"
  code=$(management_call POST "/restapis/$api_id/deployments" -H 'Content-Type: application/json' \
    --data '{"stageName":"prod","variables":{"echoHost":"127.0.0.1:'"$echo_port"'"}}')
  expect_status 201 "deploying stage prod of $what (POST /restapis/$api_id/deployments)" "$code" >&2
  echo "$api_id"
}

set_up_jwt_api() { # variant e: a loopback OIDC issuer (static discovery + JWKS), a token, the JWT-protected API; sets jwt and host[e]
  local issuer_port document api_id
  issuer_port=$(free_port)
  jwt=$(bash "$root/bench/fixtures/jwt-issuer.sh" "$dev_data/jwt" "$issuer_port")
  start_command issuer python3 -m http.server "$issuer_port" --bind 127.0.0.1 --directory "$dev_data/jwt/www"
  document="$dev_data/jwt-proxy.openapi.json"
  sed "s|__ISSUER__|http://127.0.0.1:$issuer_port|g" "$root/bench/samples/jwt-proxy.openapi.json" >"$document"
  api_id=$(import_and_deploy "$document" "bench/samples/jwt-proxy.openapi.json")
  host[e]="$api_id.execute-api.localhost"
}

set_up_request_authorizer_api() { # variant f: the loopback authorizer function and the API it guards; sets host[f]
  local document api_id
  authorizer_port=$(free_port)
  start_command authorizer python3 "$root/bench/fixtures/allow-authorizer.py" "$authorizer_port"
  document="$dev_data/request-authorizer-proxy.openapi.json"
  sed "s|__AUTHORIZER_URL__|http://127.0.0.1:$authorizer_port/|g" "$root/bench/samples/request-authorizer-proxy.openapi.json" >"$document"
  api_id=$(import_and_deploy "$document" "bench/samples/request-authorizer-proxy.openapi.json")
  host[f]="$api_id.execute-api.localhost"
}

set_up_protected_api() { # variant g: the validated, CORS-enabled API and a web ACL with the core rule group on its stage; sets host[g]
  local api_id acl_arn code
  api_id=$(import_and_deploy "$root/bench/samples/protected-proxy.openapi.json" "bench/samples/protected-proxy.openapi.json")
  code=$(waf_call CreateWebACL '{"Name":"bench-core","Scope":"REGIONAL","DefaultAction":{"Allow":{}},
    "VisibilityConfig":{"SampledRequestsEnabled":false,"CloudWatchMetricsEnabled":true,"MetricName":"bench-core"},
    "Rules":[{"Name":"core","Priority":0,"OverrideAction":{"None":{}},
      "Statement":{"ManagedRuleGroupStatement":{"VendorName":"OrleansGateway","Name":"CoreRuleSet"}},
      "VisibilityConfig":{"SampledRequestsEnabled":false,"CloudWatchMetricsEnabled":true,"MetricName":"core"}}]}')
  expect_status 200 "creating the web ACL (WAFv2 CreateWebACL)" "$code"
  if command -v jq >/dev/null; then acl_arn=$(jq -r '.Summary.ARN // empty' "$response" 2>/dev/null || true)
  else acl_arn=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["Summary"]["ARN"])' "$response" 2>/dev/null || true); fi
  [[ $acl_arn == arn:aws:wafv2:* ]] || fail "CreateWebACL answered no web ACL ARN: $(head -c 500 "$response")"
  code=$(waf_call AssociateWebACL '{"WebACLArn":"'"$acl_arn"'","ResourceArn":"arn:aws:apigateway:us-east-1::/restapis/'"$api_id"'/stages/prod"}')
  expect_status 200 "associating the web ACL with stage prod of $api_id (WAFv2 AssociateWebACL)" "$code"
  host[g]="$api_id.execute-api.localhost"
}

post_pet() { # url, host, [curl arguments...] — POSTs the benchmark's pet body; prints the HTTP status
  local target=$1 host_name=$2 body
  shift 2
  body=$(sed -n 's/^wrk.body = \[\[\(.*\)\]\]$/\1/p' "$root/bench/fixtures/post-pet.lua")
  curl -s -o "$dev_data/post-pet-response" -w '%{http_code}' --max-time 5 ${host_name:+-H "Host: $host_name"} \
    -H 'Content-Type: application/json' -H 'Origin: http://app.bench.localhost' "$@" --data "$body" "$target" || true
}

authorizer_calls() { curl -s --max-time 5 "http://127.0.0.1:$authorizer_port/calls" | tr -dc '0-9'; }

gateway_not_ready() { # message — fails, naming the stubs that explain it if any are left
  local stubs="" file
  # Variant c needs the data plane, the OpenAPI importer (sample deploy) and the signed management API (stage update).
  for file in Edge/DataPlane/DataPlaneExtensions.cs Edge/DataPlane/RoutingTableStore.cs Edge/Management/OpenApi/OpenApiImporter.cs \
      Edge/Management/ManagementApiExtensions.cs Edge/Security/SigV4/ManagementSigV4Extensions.cs; do
    if grep -q '// STUB' "$root/$file" 2>/dev/null; then stubs+="$file "; fi
  done
  grep -A 3 'Sample API could not be deployed' "$out/logs/gateway.log" >&2 || true
  fail "$1 (log: $out/logs/gateway.log)${stubs:+. Still stubs: ${stubs% }: run the other variants with --variants a,b}"
}

echo "waiting for the echo backend, the forwarder and the gateway (up to ${ready_timeout}s each)..."
wait_for_echo echo "${url[a]}" "" || fail "the echo backend (${url[a]}) did not answer within ${ready_timeout}s (log: $out/logs/echo.log)"
wait_for_echo forwarder "${url[b]}" "" || fail "the bare forwarder (${url[b]}) did not answer within ${ready_timeout}s (log: $out/logs/forwarder.log)"
if is_selected c; then
  code=$(point_sample_at_echo)
  [[ $code == 200 ]] || gateway_not_ready "the gateway's management API did not update stage prod of the sample API within ${ready_timeout}s (last status $code)"
  # The upstream Host header proves the gateway now proxies to the standalone backend.
  request_headers c
  wait_for_echo gateway "${url[c]}" "\"host\":\"127.0.0.1:$echo_port\"" "${headers[@]}" \
    || gateway_not_ready "the gateway did not serve the sample API's GET ${url[c]} (Host: $gateway_host) from the echo backend within ${ready_timeout}s"
fi
if is_selected d; then
  set_up_keyed_api
  # Retried until the key's plan has reached the edge (until then the key is refused with a 403).
  request_headers d
  wait_for_echo gateway "${url[d]}" "\"host\":\"127.0.0.1:$echo_port\"" "${headers[@]}" \
    || fail "the gateway did not serve GET ${url[d]} (Host: ${host[d]}, with the API key) from the echo backend within ${ready_timeout}s (log: $out/logs/gateway.log)"
  # Without the key the route must refuse the request; if it does not, d does not measure the key check.
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Host: ${host[d]}" "${url[d]}" || true)
  [[ $code == 403 ]] || fail "the gateway answered GET ${url[d]} without an API key with HTTP $code, not 403: its pipeline does not check API keys, so variant d would not measure them"
fi

for v in e f; do
  is_selected "$v" || continue
  if [[ $v == e ]]; then set_up_jwt_api; else set_up_request_authorizer_api; fi
  request_headers "$v"
  wait_for_echo gateway "${url[$v]}" "\"host\":\"127.0.0.1:$echo_port\"" "${headers[@]}" \
    || fail "the gateway did not serve GET ${url[$v]} (Host: ${host[$v]}) for variant $v from the echo backend within ${ready_timeout}s (log: $out/logs/gateway.log)"
  # Without the credential the route must answer 401, or the variant would not measure the authorizer.
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Host: ${host[$v]}" "${url[$v]}" || true)
  [[ $code == 401 ]] || fail "the gateway answered GET ${url[$v]} without a credential with HTTP $code, not 401: variant $v would not measure its authorizer"
done

if is_selected g; then
  set_up_protected_api
  # Retried until the deployment and the web ACL's association have reached the edge.
  deadline=$((SECONDS + ready_timeout))
  until [[ $(post_pet "${url[g]}" "${host[g]}" --url-query "q=1' OR '1'='1") == 403 ]]; do
    (( SECONDS < deadline )) || fail "the web ACL did not block a SQL injection on ${url[g]} (Host: ${host[g]}) within ${ready_timeout}s: g would not measure the WAF (log: $out/logs/gateway.log)"
    sleep 0.5
  done
  code=$(post_pet "${url[g]}" "${host[g]}")
  [[ $code == 200 ]] || fail "the gateway answered the benchmark's valid POST on ${url[g]} with HTTP $code, not 200 (log: $out/logs/gateway.log)"
  grep -qi 'access-control-allow-origin' <(curl -s -D - -o /dev/null --max-time 5 -H "Host: ${host[g]}" -H 'Origin: http://app.bench.localhost' \
    -H 'Content-Type: application/json' --data "$(sed -n 's/^wrk.body = \[\[\(.*\)\]\]$/\1/p' "$root/bench/fixtures/post-pet.lua")" "${url[g]}") \
    || fail "the gateway's answer to the benchmark's POST carries no CORS headers: g would not measure CORS"
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Host: ${host[g]}" -H 'Content-Type: application/json' --data '{"name":"x"}' "${url[g]}" || true)
  [[ $code == 400 ]] || fail "the gateway answered an invalid pet with HTTP $code, not 400: g would not measure body validation"
fi

declare -A size
for v in "${selected[@]}"; do
  request_headers "$v"
  if [[ $v == [gh] ]]; then
    post_pet "${url[$v]}" "${host[$v]}" >/dev/null
    size[$v]=$(wc -c <"$dev_data/post-pet-response")
  else
    size[$v]=$(curl -s -o /dev/null -w '%{size_download}' --max-time 5 "${headers[@]}" "${url[$v]}")
  fi
done

run_wrk() { # variant, seconds, output file — the load is the same for every variant
  local v=$1 seconds=$2 file=$3 headers=()
  request_headers "$v"
  if [[ $v == [gh] ]]; then headers+=(-s "$root/bench/fixtures/post-pet.lua"); fi
  # In the background and waited for: wrk catches Ctrl-C and exits 0, after which bash would not run
  # its INT trap; a `wait` is interrupted by the signal, so the trap stops the run at once.
  timeout $((seconds + 30)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "${headers[@]}" "${url[$v]}" >"$file" 2>&1 &
  load_pid=$!
  wait "$load_pid" || { load_pid=""; cat "$file" >&2; fail "wrk failed for variant $v"; }
  load_pid=""
}

# The edge's count of remote grain calls on the request path (key lookups, throttle and quota
# leases, usage meter flushes) and of requests it admitted; read around d's measured runs.
stats_available=unknown
read_edge_stats() { # sets stats_calls and stats_admitted from GET /gateway/edge/stats; false (said once) when it is not there
  local code
  if [[ $stats_available == no ]]; then return 1; fi
  code=$(management_call GET /gateway/edge/stats)
  if [[ $code != 200 ]]; then
    echo "  grain-call counter not available (GET /gateway/edge/stats answered HTTP $code)"
    stats_available=no
    return 1
  fi
  stats_calls=$(json_sum "$response" throttleLeaseCalls quotaLeaseCalls meterFlushCalls keyLookupCalls)
  stats_admitted=$(json_sum "$response" admittedRequests)
  if ! [[ $stats_calls =~ ^[0-9]+$ && $stats_admitted =~ ^[0-9]+$ ]]; then
    echo "  grain-call counter not available (GET /gateway/edge/stats answered: $(head -c 200 "$response"))"
    stats_available=no
    return 1
  fi
  stats_available=yes
}

to_ms() { # a wrk latency such as 812.00us, 1.23ms, 2.01s or 1.50m, in milliseconds
  awk -v t="$1" 'BEGIN {
    if (t ~ /us$/) { sub(/us$/, "", t); print t / 1000 }
    else if (t ~ /ms$/) { sub(/ms$/, "", t); print t + 0 }
    else if (t ~ /m$/) { sub(/m$/, "", t); print t * 60000 }
    else if (t ~ /s$/) { sub(/s$/, "", t); print t * 1000 }
    else { print "nan" } }'
}

# Prints "requests_per_second p50_ms p99_ms errors" for one wrk output.
parse_wrk() {
  local file=$1 rps p50 p99 non2xx sockets
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$file")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$file")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$file")
  sockets=$(awk -F'[ ,]+' '/Socket errors:/ { print $4 + $6 + $8 + $10 }' "$file")
  [[ -n $rps && $p50 != nan && $p99 != nan ]] || { cat "$file" >&2; fail "could not parse wrk output $file"; }
  echo "$rps $p50 $p99 $(( ${non2xx:-0} + ${sockets:-0} ))"
}

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Other work on the machine skews every number; the load average says how much there was.
load_average() { if [[ -r /proc/loadavg ]]; then cut -d ' ' -f 1 /proc/loadavg; else echo null; fi; }
load_before=$(load_average)

declare -A all_rps all_p50 all_p99 errors
grain_calls=0
grain_admitted=0
echo "load: wrk -t$threads -c$connections -d${duration}s --latency (after a ${warmup}s warm-up), $rounds round(s); results in $out"
for round in $(seq "$rounds"); do
  for v in "${selected[@]}"; do
    run_wrk "$v" "$warmup" "$out/wrk-$v-round$round-warmup.txt"
    counted=false
    if [[ $v == d ]] && read_edge_stats; then
      counted=true; calls_before=$stats_calls; admitted_before=$stats_admitted
    fi
    if [[ $v == f ]]; then function_calls_before=$(authorizer_calls); fi
    run_wrk "$v" "$duration" "$out/wrk-$v-round$round.txt"
    if [[ $v == f ]]; then function_calls=$(( ${function_calls:-0} + $(authorizer_calls) - function_calls_before )); fi
    if $counted && read_edge_stats; then
      grain_calls=$((grain_calls + stats_calls - calls_before))
      grain_admitted=$((grain_admitted + stats_admitted - admitted_before))
    fi
    result=$(parse_wrk "$out/wrk-$v-round$round.txt")
    read -r rps p50 p99 errs <<<"$result"
    all_rps[$v]+="$rps "; all_p50[$v]+="$p50 "; all_p99[$v]+="$p99 "
    errors[$v]=$(( ${errors[$v]:-0} + errs ))
    printf '  round %d %-26s %10.1f req/s  p50 %7.2f ms  p99 %7.2f ms\n' "$round" "${label[$v]}" "$rps" "$p50" "$p99"
  done
done

declare -A rps p50 p99
for v in "${selected[@]}"; do
  rps[$v]=$(median "${all_rps[$v]}"); p50[$v]=$(median "${all_p50[$v]}"); p99[$v]=$(median "${all_p99[$v]}")
done

ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.3f", x / y }'; }
verdict() { awk -v r="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? r >= t : r <= t; print ok ? "met" : "NOT met" }'; }

load_after=$(load_average)
cpu=$(lscpu 2>/dev/null | awk -F: '/^Model name/ { gsub(/^[ \t]+/, "", $2); print $2; exit }')
echo
echo "proxy benchmark: wrk -t$threads -c$connections -d${duration}s, median of $rounds round(s); $(nproc) CPUs, ${cpu:-unknown CPU}; 1-min load average $load_before before, $load_after after"
printf '%-26s %12s %10s %10s %12s %8s\n' variant req/s "p50 ms" "p99 ms" "bytes/resp" errors
for v in "${selected[@]}"; do
  printf '%-26s %12.1f %10.2f %10.2f %12s %8s\n' "${label[$v]}" "${rps[$v]}" "${p50[$v]}" "${p99[$v]}" "${size[$v]}" "${errors[$v]}"
done

json_bool() { if [[ $1 == met ]]; then echo true; else echo false; fi; }

ratios_json=""
echo
if is_selected b && is_selected c; then
  rps_cb=$(ratio "${rps[c]}" "${rps[b]}"); p99_cb=$(ratio "${p99[c]}" "${p99[b]}")
  rps_verdict=$(verdict "$rps_cb" ">=" 0.90); p99_verdict=$(verdict "$p99_cb" "<=" 1.30)
  printf 'req/s c/b  %s  (target >= 0.90: %s)\n' "$rps_cb" "$rps_verdict"
  printf 'p99   c/b  %s  (target <= 1.30: %s)\n' "$p99_cb" "$p99_verdict"
  ratios_json+="\"requestsPerSecondCOverB\": $rps_cb, \"p99COverB\": $p99_cb, "
  ratios_json+="\"targetRequestsPerSecondMet\": $(json_bool "$rps_verdict"), "
  ratios_json+="\"targetP99Met\": $(json_bool "$p99_verdict"), "
fi
if is_selected b && is_selected d; then
  rps_db=$(ratio "${rps[d]}" "${rps[b]}")
  rps_d_verdict=$(verdict "$rps_db" ">=" 0.85)
  printf 'req/s d/b  %s  (target >= 0.85: %s)\n' "$rps_db" "$rps_d_verdict"
  ratios_json+="\"requestsPerSecondDOverB\": $rps_db, \"targetRequestsPerSecondDMet\": $(json_bool "$rps_d_verdict"), "
fi
if is_selected c && is_selected d; then
  rps_dc=$(ratio "${rps[d]}" "${rps[c]}")
  printf 'req/s d/c  %s\n' "$rps_dc"
  ratios_json+="\"requestsPerSecondDOverC\": $rps_dc, "
fi
if is_selected a && is_selected c; then
  rps_ca=$(ratio "${rps[c]}" "${rps[a]}")
  printf 'req/s c/a  %s\n' "$rps_ca"
  ratios_json+="\"requestsPerSecondCOverA\": $rps_ca, "
fi
if is_selected a && is_selected b; then
  rps_ba=$(ratio "${rps[b]}" "${rps[a]}")
  printf 'req/s b/a  %s\n' "$rps_ba"
  ratios_json+="\"requestsPerSecondBOverA\": $rps_ba, "
fi
for v in e f; do
  if is_selected b && is_selected "$v"; then
    r=$(ratio "${rps[$v]}" "${rps[b]}")
    rv=$(verdict "$r" ">=" 0.85)
    printf 'req/s %s/b  %s  (target >= 0.85: %s)\n' "$v" "$r" "$rv"
    ratios_json+="\"requestsPerSecond${v^^}OverB\": $r, \"targetRequestsPerSecond${v^^}Met\": $(json_bool "$rv"), "
  fi
done
if is_selected b && is_selected g; then
  r=$(ratio "${rps[g]}" "${rps[b]}")
  rv=$(verdict "$r" ">=" 0.80)
  printf 'req/s g/b  %s  (target >= 0.80: %s)\n' "$r" "$rv"
  ratios_json+="\"requestsPerSecondGOverB\": $r, \"targetRequestsPerSecondGMet\": $(json_bool "$rv"), "
fi
if is_selected g && is_selected h; then
  r=$(ratio "${rps[g]}" "${rps[h]}")
  printf 'req/s g/h  %s  (the same POST through the bare forwarder)\n' "$r"
  ratios_json+="\"requestsPerSecondGOverH\": $r, "
fi
if is_selected f; then
  printf 'authorizer function calls during f'"'"'s measured runs  %s\n' "${function_calls:-0}"
  ratios_json+="\"authorizerCallsF\": ${function_calls:-0}, "
fi
grain_calls_json=""
if is_selected d; then
  if [[ $stats_available == yes ]] && (( grain_admitted > 0 )); then
    per_1000=$(awk -v c="$grain_calls" -v a="$grain_admitted" 'BEGIN { printf "%.2f", c / a * 1000 }')
    calls_verdict=$(verdict "$per_1000" "<=" 10)
    printf 'remote grain calls per 1,000 admitted requests (d)  %s  (%d calls, %d admitted; target <= 10: %s)\n' \
      "$per_1000" "$grain_calls" "$grain_admitted" "$calls_verdict"
    grain_calls_json="{ \"calls\": $grain_calls, \"admittedRequests\": $grain_admitted, \"per1000Admitted\": $per_1000, \"targetMet\": $(json_bool "$calls_verdict") }"
  elif [[ $stats_available == yes ]]; then
    echo "remote grain calls per 1,000 admitted requests (d)  n/a: the edge admitted no request during d's measured runs"
  else
    echo "remote grain calls per 1,000 admitted requests (d)  n/a: grain-call counter not available"
  fi
fi

total_errors=0
for v in "${selected[@]}"; do total_errors=$((total_errors + errors[$v])); done
if (( total_errors > 0 )); then
  echo "WARNING: $total_errors non-2xx responses or socket errors; see the wrk outputs in $out" >&2
fi

{
  echo "{"
  echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"commit\": \"$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)\","
  echo "  \"machine\": { \"cpus\": $(nproc), \"cpuModel\": \"${cpu//\"/}\", \"dotnet\": \"$(dotnet --version)\", \"loadAverageBefore\": $load_before, \"loadAverageAfter\": $load_after },"
  echo "  \"load\": { \"threads\": $threads, \"connections\": $connections, \"durationSeconds\": $duration, \"warmupSeconds\": $warmup, \"rounds\": $rounds },"
  echo "  \"variants\": {"
  sep=""
  for v in "${selected[@]}"; do
    printf '%s    "%s": { "label": "%s", "url": "%s", "host": "%s", "requestsPerSecond": %s, "p50Ms": %s, "p99Ms": %s, "bytesPerResponse": %s, "errors": %s }' \
      "$sep" "$v" "${label[$v]#? }" "${url[$v]}" "${host[$v]}" "${rps[$v]}" "${p50[$v]}" "${p99[$v]}" "${size[$v]}" "${errors[$v]}"
    sep=$',\n'
  done
  echo
  echo "  },"
  echo "  \"ratios\": { ${ratios_json%, } },"
  echo "  \"grainCallsD\": ${grain_calls_json:-null}"
  echo "}"
} >"$out/summary.json"
echo
echo "raw wrk outputs, logs and summary.json: $out"
