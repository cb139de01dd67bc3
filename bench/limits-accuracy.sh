#!/usr/bin/env bash
# Accuracy of cluster-wide throttles and quotas: runs the usage-plan cluster tests (3 edges sharing
# one plan) and prints the figures they measure, the lines of their output that contain "admitted"
# (e.g. how many requests the 3 edges admitted against a throttle's or a quota's limit).
#   bash bench/limits-accuracy.sh [--no-build] [--out DIR]
# Exits non-zero when a test fails, when no test matches or when the tests print no figure.
# The full test output goes to DIR/limits-accuracy.log (default: a new /tmp/limits-accuracy.* dir).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
filter="FullyQualifiedName~UsagePlanClusterTests"
out=""
build_args=()

usage() { sed -n '2,7p' "$0"; exit 2; }
fail() { echo "limits-accuracy: $*" >&2; exit 1; }

while (( $# )); do
  case $1 in
    --no-build) build_args=(--no-build); shift ;;
    --out) [[ $# -ge 2 ]] || usage; out=$2; shift 2 ;;
    -h|--help) usage ;;
    *) usage ;;
  esac
done

command -v dotnet >/dev/null || fail "dotnet not found: install the .NET SDK named in global.json"
if [[ -z $out ]]; then out=$(mktemp -d "/tmp/limits-accuracy.$(date +%Y%m%d-%H%M%S).XXXX"); fi
mkdir -p "$out"
log="$out/limits-accuracy.log"

echo "running the tests matching $filter (full output: $log)..."
status=0
# The detailed console logger is what shows each test's ITestOutputHelper lines, where the figures are.
dotnet test "$root/tests/OrleansGateway.Tests" "${build_args[@]}" --filter "$filter" \
  --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?

if grep -q "No test matches the given testcase filter" "$log"; then
  fail "no test matches $filter: are the usage-plan cluster tests in this build? (log: $log)"
fi

echo
echo "figures (lines with \"admitted\"), under the test that printed them:"
# The detailed logger prints "  Passed <test> [time]" (or Failed) and then that test's output lines.
figures=$(awk '
  /^[[:space:]]*(Passed|Failed|Skipped) [^ ]/ {
    line = $0; sub(/^[[:space:]]*/, "", line); sub(/ \[[^]]*\][[:space:]]*$/, "", line)
    outcome = line; sub(/ .*/, "", outcome)
    name = substr(line, length(outcome) + 2); sub(/^.*\./, "", name)
    next
  }
  tolower($0) ~ /admitted/ {
    if (name != shown) { print "  " outcome " " name; shown = name }
    sub(/^[[:space:]]*/, ""); print "    " $0
  }' "$log")
echo "${figures:-  (none)}"

echo
# The run's verdict and counts ("Test Run Successful.", "Total tests: 4", "Passed: 4", ...).
sed -n -E 's/^[[:space:]]*((Test Run (Successful|Failed|Aborted)\.)|(Total tests|Passed|Failed|Skipped): .*)$/\1/p' "$log"
if (( status != 0 )); then
  if ! grep -q "^Test Run" "$log"; then tail -n 30 "$log" >&2; fi  # no verdict: the build or the test host failed
  fail "the tests failed (dotnet test exited $status; log: $log)"
fi
[[ -n $figures ]] || fail "the tests passed but printed no line with \"admitted\": nothing was measured (log: $log)"
