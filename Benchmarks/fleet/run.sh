#!/usr/bin/env bash
# Fleet benchmark, one command, ratios measured in one run (the machine is shared and noisy):
#
#   1. clips per minute: 100 posts to a web node on PostgreSQL (--render-workers 0), rendered
#      by 1 `dumpit worker` process, then (fresh database) by 2 — time from the first post until
#      every clip is ready; ratio 2 workers / 1 worker (goal ≥ 1.8 on … cores, see README);
#   2. POST /api/worries at 64 connections against a node on PostgreSQL and one on SQLite
#      (fresh stores, rendering off, limits off): throughput and p99, ratio PostgreSQL / SQLite
#      (goal ≥ 0.5).
#
# Starts its own throwaway PostgreSQL cluster; builds dumpit in release mode.
# Usage: bash Benchmarks/fleet/run.sh [--posts 100] [--seconds 10] [--only clips|posts]
# Each worker is pinned to a core of its own (taskset), as workers on separate machines would be.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/deps.sh
dumpit_install_packages "${DUMPIT_BUILD_PACKAGES[@]}" postgresql
swift build -c release --product dumpit >/dev/null
source scripts/pg-cluster.sh
trap dumpit_pg_stop EXIT
dumpit_pg_start
DUMPIT_BIN="$PWD/.build/release/dumpit" python3 Benchmarks/fleet/bench.py "$@"
