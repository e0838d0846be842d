#!/usr/bin/env bash
# Service benchmark, loopback only and bounded: starts `dumpit serve` (release build) on a
# free port with rate limits and rendering off and a temporary data folder, then measures
#   - GET /healthz            the floor: the same server answering the cheapest route
#   - POST /api/worries       throughput and p99 at 64 connections (each a durable SQLite write)
#   - GET /api/sky            with 1,000 and with 10,000 live worries (seeded by POSTs)
# Each measurement is at most BENCH_REQUESTS requests (default 2000) or BENCH_SECONDS
# seconds (default 30). Prints one JSON line per measurement, then ratios to the floor.
# Usage: bash Benchmarks/service/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

requests="${BENCH_REQUESTS:-2000}"
seconds="${BENCH_SECONDS:-30}"
connections="${BENCH_CONNECTIONS:-64}"

swift build -c release --product dumpit >/dev/null
bin=.build/release/dumpit
if ! "$bin" serve --help >/dev/null 2>&1; then
  echo "service: 'dumpit serve' is not registered in this build" >&2
  exit 1
fi

data="$(mktemp -d)"
log="$data/serve.log"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$bin" serve --host 127.0.0.1 --port "$port" --data "$data/data" --assets "$PWD/Assets" \
  --rate-limit-owner 0 --rate-limit-address 0 --daily-limit-address 0 --render-workers 0 >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=1)" 2>/dev/null; then
    break
  fi
  sleep 0.1
done

load() { python3 Benchmarks/service/load.py --port "$port" --connections "$connections" --seconds "$seconds" "$@"; }
seed_to() {  # seed_to N: POST until N worries are live (unbounded by time, bounded by N)
  local have
  have="$(python3 -c "import urllib.request,json; print(json.load(urllib.request.urlopen('http://127.0.0.1:$port/api/stats'))['worries'])")"
  local missing=$(( $1 - have ))
  if [ "$missing" -gt 0 ]; then
    load --name seed --method POST --path /api/worries --requests "$missing" --seconds 600 --text-prefix "seed" >/dev/null
  fi
}

results="$data/results.jsonl"
load --name healthz --requests "$requests" | tee -a "$results"
load --name post_worries --method POST --path /api/worries --requests "$requests" | tee -a "$results"
seed_to 1000
load --name sky_1000 --path /api/sky --requests "$requests" | tee -a "$results"
seed_to 10000
load --name sky_10000 --path /api/sky --requests "$requests" | tee -a "$results"

python3 - "$results" <<'PY'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
floor = rows["healthz"]["rps"]
for name in ("post_worries", "sky_1000", "sky_10000"):
    r = rows[name]
    bad = sum(v for k, v in r["statuses"].items() if int(k) >= 400)
    print(f"service: {name}: {r['rps']} req/s, p99 {r['p99_ms']} ms, "
          f"{r['avg_body_bytes']} B/response, {bad} errors, {r['rps'] / floor:.3f}x of GET /healthz ({floor} req/s)")
PY
