#!/usr/bin/env bash
# Schemathesis against the real `dumpit serve` on loopback: every operation of
# Assets/openapi.yaml, every check, a bounded number of examples, a hard time bound.
#
#   DUMPIT_BIN=.build/debug/dumpit Tests/api/run_schemathesis.sh
#
# Environment:
#   DUMPIT_BIN                  the dumpit executable (required)
#   DUMPIT_TEST_VENV            venv to install schemathesis into (default .build/test-venv)
#   DUMPIT_ARTIFACTS            if set, the full output and the server log are kept there
#   DUMPIT_SCHEMATHESIS_SEED    generation seed (default fixed, so a run is reproducible)
#   DUMPIT_SCHEMATHESIS_EXAMPLES  examples per operation and phase (default 50)
#
# Exits non-zero on any failed check (a 5xx, an answer that breaks the schema, an undocumented
# status, content type or header, a valid request refused, an invalid one accepted, a wrong
# answer to an undeclared method, a body of an undeclared media type accepted: see
# schemathesis_hooks.py), on any schemathesis error, or when the time is up.
# The whole script is bounded by BUDGET seconds (installing included); the server is always
# stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

BUDGET=320                       # seconds for the whole script: it must finish within 5.5 minutes
deadline=$((SECONDS + BUDGET))
# Seconds left for a step that must leave `$1` seconds to the steps after it (at least 1:
# `timeout 0` would mean no bound at all).
bound() { local left=$((deadline - SECONDS - ${1:-0})); [ "$left" -ge 1 ] || left=1; echo "$left"; }

binary="${DUMPIT_BIN:-}"
if [ -z "$binary" ] || [ ! -x "$binary" ]; then
  echo "run_schemathesis: set DUMPIT_BIN to the built dumpit executable" >&2
  exit 2
fi
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
venv="${DUMPIT_TEST_VENV:-.build/test-venv}"
seed="${DUMPIT_SCHEMATHESIS_SEED:-20261129}"
examples="${DUMPIT_SCHEMATHESIS_EXAMPLES:-50}"

work="$(mktemp -d "${TMPDIR:-/tmp}/dumpit-schemathesis.XXXXXX")"
server_pid=""
st_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do                     # up to 10 s for a graceful stop
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() {
  local status=$?
  if [ -n "$st_pid" ] && kill -0 "$st_pid" 2>/dev/null; then
    kill -TERM "$st_pid" 2>/dev/null || true      # `timeout` passes it on to schemathesis
    wait "$st_pid" 2>/dev/null || true
  fi
  stop_server
  if [ -n "${DUMPIT_ARTIFACTS:-}" ]; then
    mkdir -p "$DUMPIT_ARTIFACTS"
    cp "$work/server.log" "$DUMPIT_ARTIFACTS/schemathesis-server.log" 2>/dev/null || true
    cp "$work/schemathesis.log" "$DUMPIT_ARTIFACTS/schemathesis.log" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== schemathesis: installing (venv $venv)"
[ -x "$venv/bin/python" ] || timeout "$(bound 100)" python3 -m venv "$venv"
# Leave at least 100 s for the server and the run itself.
timeout "$(bound 100)" "$venv/bin/pip" install -q --disable-pip-version-check -r Tests/api/requirements.txt
python="$venv/bin/python"

# Starts the server on a free loopback port and waits (polling /healthz) until it answers 200.
# A port taken between choosing it and binding it makes the server exit: try another one.
start_server() {
  local attempt
  for attempt in 1 2 3; do
    port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    data="$work/data-$attempt"
    mkdir -p "$data"
    "$binary" serve --host 127.0.0.1 --port "$port" --data "$data" \
      --render-workers 0 --rate-limit-owner 0 --rate-limit-address 0 --daily-limit-address 0 --rate-limit-tokens 0 \
      >>"$work/server.log" 2>&1 &
    server_pid=$!
    if "$python" - "$port" "$server_pid" 30 <<'EOF'
import os, sys, time, urllib.request
port, pid, bound = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
deadline = time.monotonic() + bound
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)                                   # the server exited
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            if answer.status == 200:
                sys.exit(0)
    except Exception:
        time.sleep(0.05)
sys.exit(1)
EOF
    then
      return 0
    fi
    stop_server
  done
  echo "run_schemathesis: dumpit serve did not become healthy; its log:" >&2
  tail -n 40 "$work/server.log" >&2 || true
  return 1
}

echo "== schemathesis: starting $binary"
start_server
echo "   serving on http://127.0.0.1:$port (data in a temporary folder)"
# An owner token the server handed out, sent with every request: generated tokens are
# well-formed but unsigned (401 unknown_owner_token), which would leave the token's paths
# untested; the refusals are tested in Tests/DumpServerTests.
token="$("$python" -c 'import json, sys, urllib.request; print(json.loads(urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/api/owner-tokens", method="POST", data=b""), timeout=30).read())["token"])' "$port")"

# From an empty working folder, so schemathesis and Hypothesis leave nothing in the repo.
# --workers 1: two cores, and CPython 3.11's ast.parse is not thread-safe (Hypothesis calls it
# to describe strategies; with 2 workers a run died with "SystemError: AST constructor
# recursion depth mismatch").
st_command=(
  "$root/$venv/bin/schemathesis" --config-file "$root/Tests/api/schemathesis.toml" --no-color
  run "$root/Assets/openapi.yaml" --url "http://127.0.0.1:$port"
  --checks all --workers 1 --max-examples "$examples" --seed "$seed"
  --continue-on-failure --request-timeout 30 --generation-database none
  --header "X-Owner-Token: $token"
)
case "$venv" in /*) st_command[0]="$venv/bin/schemathesis" ;; esac
# Our own check (a 2xx to an undeclared request media type is a failure), run by --checks all.
export SCHEMATHESIS_HOOKS="$root/Tests/api/schemathesis_hooks.py"
echo "== schemathesis: ${st_command[*]//$token/[owner token]}"   # the token stays out of the log
run_bound="$(bound 17)"                          # keep time to stop the server
status=0
# In the background and waited for, so that an interrupt stops it (and the server) at once.
(cd "$work" && exec timeout --kill-after=5 "$run_bound" "${st_command[@]}") >"$work/schemathesis.log" 2>&1 &
st_pid=$!
wait "$st_pid" || status=$?
st_pid=""
cat "$work/schemathesis.log"
summary="$(grep -E '^=+ .* in [0-9.]+s =+$' "$work/schemathesis.log" | tail -n 1 || true)"
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "== schemathesis: TIMED OUT after ${run_bound} s (budget ${BUDGET} s for the whole script)"
  exit 1
fi
echo "== schemathesis summary: ${summary:-<no summary line>} (exit status $status)"
exit "$status"
