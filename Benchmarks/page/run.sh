#!/usr/bin/env bash
# The page's benchmark (issue 24): fps and long-task share per device profile (desktop
# 1280x800; a mid-range phone: 390x844 at device pixel ratio 3, CPU throttled 4x) and sky size
# (an empty sky as the baseline, 5,000 and 20,000 worries laid out by the engine), on / (idle,
# while typing, while the dust plays) and on /sky, in headless Chromium. Prints ratios to the
# empty sky measured in the same run. The test command runs it with --light.
# Usage: bash Benchmarks/page/run.sh [--light] [--sizes 5000,20000] [--seconds 6]
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product dumpit >/dev/null
venv=.build/test-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r Tests/browser/requirements.txt
DUMPIT_BIN="$PWD/.build/debug/dumpit" "$venv/bin/python" Benchmarks/page/bench_page.py "$@"
