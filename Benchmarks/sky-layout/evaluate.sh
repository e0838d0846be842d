#!/usr/bin/env bash
# Prints the constellation evaluation table: purity and adjusted Rand index of the sky's
# constellations against the labelled worries in Tests/DumpEngineTests/Fixtures, next to the
# exact-duplicate and character-bigram Jaccard baselines, all from one run.
# Usage (from anywhere in a clone): bash Benchmarks/sky-layout/evaluate.sh
# SKY_EVAL_DIR picks the scratch directory (default: /tmp/dumpit-sky-eval).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${SKY_EVAL_DIR:-/tmp/dumpit-sky-eval}"

mkdir -p "$work/Sources/SkyEvaluation"
ln -sfn "$root/Sources/DumpEngine" "$work/Sources/DumpEngine"
cp "$root/Benchmarks/sky-layout/evaluate/main.swift" "$work/Sources/SkyEvaluation/main.swift"
cp "$root/Tests/DumpEngineTests/Evaluation/ConstellationScores.swift" "$work/Sources/SkyEvaluation/ConstellationScores.swift"
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SkyEvaluation",
    platforms: [.macOS(.v14)],
    targets: [
        .target(name: "DumpEngine", path: "Sources/DumpEngine"),
        .executableTarget(name: "SkyEvaluation", dependencies: ["DumpEngine"], path: "Sources/SkyEvaluation"),
    ],
    swiftLanguageModes: [.v6]
)
SWIFT

if ! swift build -c release --package-path "$work" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi
"$work/.build/release/SkyEvaluation" "$root" "$@"
