#!/usr/bin/env bash
# Dust clip benchmark: render-only, encode-only (floor) and pipeline times of the default
# 1280x720 30 fps 5 s VP9 clip, measured in the same run; then peak RSS of a 5 s and a 20 s
# clip. Usage: bash Benchmarks/dust/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/deps.sh
dumpit_install_packages "${DUMPIT_BUILD_PACKAGES[@]}" time
swift build -c release --product dumpit >/dev/null
bin=.build/release/dumpit
"$bin" bench-dust --runs 3
out=$(mktemp -d)
for seconds in 5 20; do
  rss=$( { /usr/bin/time -f "%M" "$bin" render "회사 가기 싫어요 😢 내일은 괜찮을까요" -o "$out/clip-$seconds.webm" --seconds "$seconds" ; } 2>&1 | tail -1)
  echo "dust: peak RSS ${seconds} s clip: $((rss / 1024)) MB"
done
rm -rf "$out"
