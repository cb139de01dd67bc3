#!/usr/bin/env bash
# The one test command: builds everything (warnings are errors), runs the .NET tests (unit, grain
# tests on TestCluster, process-level cluster tests with real redis-server) and the AWS SDK
# compatibility tests in tests/compat (node's test runner).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

need_apt=()
command -v redis-server >/dev/null || need_apt+=(redis-server)
command -v node >/dev/null || need_apt+=(nodejs npm)
# The mutual-TLS tests drive `openssl s_client` as a real TLS client.
command -v openssl >/dev/null || need_apt+=(openssl)
# The CORS browser test drives Debian's headless Chromium through playwright-core.
command -v chromium >/dev/null || need_apt+=(chromium)
# The metrics test parses /metrics with the Prometheus Python client's text parser.
/usr/bin/python3 -c 'import prometheus_client' 2>/dev/null || need_apt+=(python3-prometheus-client)
if (( ${#need_apt[@]} )); then
  if [[ $(id -u) == 0 ]]; then
    echo "installing ${need_apt[*]}..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing: ${need_apt[*]} (sudo apt-get install ${need_apt[*]})" >&2; exit 1
  fi
fi

dotnet build OrleansGateway.sln -nologo -v quiet
dotnet_log=$(mktemp)
set +e
dotnet test OrleansGateway.sln --no-build -nologo 2>&1 | tee "$dotnet_log"
dotnet_rc=${PIPESTATUS[0]}
set -e

(cd tests/compat && npm ci --no-audit --no-fund --loglevel=error)
node_log=$(mktemp)
set +e
(cd tests/compat && npm test 2>&1) | tee "$node_log"
node_rc=${PIPESTATUS[0]}
set -e

sum() { grep -oE "$1" "$2" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(( $(sum 'Passed: +[0-9]+' "$dotnet_log") + $(sum '^# pass [0-9]+' "$node_log") ))
failed=$(( $(sum 'Failed: +[0-9]+' "$dotnet_log") + $(sum '^# fail [0-9]+' "$node_log") ))
if (( dotnet_rc != 0 || node_rc != 0 )) && (( failed == 0 )); then failed=1; fi
# Each failed test with the first lines of its message (CI keeps only the tail of the output).
grep -E -A4 '^\s+Failed [A-Za-z]' "$dotnet_log" | grep -v -E '^\s+(Error Message:|Stack Trace:)$' | cut -c1-400 \
  | sed -E 's/^ +Failed /FAILED (dotnet): /; s/^ {2,}/    /' || true
grep -E '^not ok|^    not ok' "$node_log" | sed 's/^ */FAILED (node): /' || true
echo "$passed passed, $failed failed"
(( dotnet_rc == 0 && node_rc == 0 ))
