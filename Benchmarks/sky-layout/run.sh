#!/usr/bin/env bash
# Builds a throwaway release package around Sources/DumpEngine and runs the sky benchmark.
# Usage (from anywhere in a clone): bash Benchmarks/sky-layout/run.sh
# SKY_BENCH_DIR picks the scratch directory (default: /tmp/dumpit-sky-bench).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${SKY_BENCH_DIR:-/tmp/dumpit-sky-bench}"

mkdir -p "$work/Sources/SkyLayoutBench"
ln -sfn "$root/Sources/DumpEngine" "$work/Sources/DumpEngine"
cp "$root/Benchmarks/sky-layout/main.swift" "$work/Sources/SkyLayoutBench/main.swift"
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SkyLayoutBench",
    platforms: [.macOS(.v14)],
    targets: [
        .target(name: "DumpEngine", path: "Sources/DumpEngine"),
        .executableTarget(name: "SkyLayoutBench", dependencies: ["DumpEngine"], path: "Sources/SkyLayoutBench"),
    ],
    swiftLanguageModes: [.v6]
)
SWIFT

if ! swift build -c release --package-path "$work" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi
"$work/.build/release/SkyLayoutBench" "$@"
