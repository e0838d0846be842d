#!/usr/bin/env bash
# Sky render benchmark: builds dumpit in release, generates 10,000 worries, and times
# `dumpit sky` to 3840x2160 and 7680x4320 PNG (wall time and peak RSS via /usr/bin/time -v),
# next to a baseline measured in the same run (a one-worry sky of the same size: backdrop,
# one star and the PNG encoding, i.e. everything that does not grow with the worries) and the
# layout-only time (Benchmarks/sky-layout).
#
# Usage (from anywhere in a clone): bash Benchmarks/sky-render/run.sh
# SKY_RENDER_BENCH_DIR picks the scratch directory (default: /tmp/dumpit-sky-render-bench);
# SKY_RENDER_DUMPIT=/path/to/dumpit times that binary instead of building one.
# Targets: 10,000 worries at 7680x4320 in ≤ 10 s with peak RSS ≤ 800 MB.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${SKY_RENDER_BENCH_DIR:-/tmp/dumpit-sky-render-bench}"
mkdir -p "$work"

[ -x /usr/bin/time ] || { echo "sky-render: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

if [ -n "${SKY_RENDER_DUMPIT:-}" ]; then
    dumpit="$SKY_RENDER_DUMPIT"
else
    echo "building dumpit (release)…" >&2
    if ! swift build -c release --product dumpit --package-path "$root" >"$work/build.log" 2>&1; then
        cat "$work/build.log" >&2
        exit 1
    fi
    dumpit="$(swift build -c release --product dumpit --package-path "$root" --show-bin-path)/dumpit"
fi
"$dumpit" --help 2>/dev/null | grep -qE '^ +sky ' || { echo "sky-render: $dumpit has no 'sky' command" >&2; exit 1; }

# 10,000 worries, deterministic: a fifth repeat a few common phrases (brighter stars), the
# rest are distinct, Korean and English.
awk -v n=10000 'BEGIN {
    split("회사 가기 싫어요|시험이 걱정돼요|잠이 안 와요|I can'"'"'t sleep|Money again|내일 발표|my exam tomorrow|엄마가 아파요|deadline|이사 가야 해요", o, "|")
    seed = 2026
    printf "["
    for (i = 0; i < n; i++) {
        # Park-Miller: every product stays below 2^53, so any awk computes it exactly.
        seed = (seed * 16807) % 2147483647; a = seed % 10 + 1
        seed = (seed * 16807) % 2147483647; r = seed % 100
        seed = (seed * 16807) % 2147483647; k = seed % 1000000
        text = (r < 20) ? o[a] " " (k % 4) : o[a] " #" k
        printf "%s{\"text\": \"%s\", \"createdAt\": \"2026-11-24T%02d:%02d:%02dZ\", \"id\": \"w%d\"}", (i ? "," : ""), text, int(i / 3600) % 24, int(i / 60) % 60, i % 60, i
    }
    printf "]\n"
}' > "$work/worries-10000.json"
printf '[{"text": "회사 가기 싫어요", "createdAt": "2026-11-24T21:00:00Z"}]\n' > "$work/worries-1.json"

# run NAME FILE SIZE: prints "seconds rss_mb" for one `dumpit sky` run.
run() {
    local input="$1" size="$2" out="$work/sky-$2-$(basename "$1" .json).png"
    /usr/bin/time -v "$dumpit" sky --from "$input" -o "$out" --size "$size" 2>"$work/time.log" >/dev/null || {
        cat "$work/time.log" >&2; exit 1; }
    local wall rss cpu
    cpu="$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time.log")"
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.log")"
    rss="$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.log")"
    echo "$wall $rss $cpu"
}

echo "sky-render: $(nproc) cores, $(uname -m)"
for size in 3840x2160 7680x4320; do
    read -r base_s base_mb base_cpu < <(run "$work/worries-1.json" "$size")
    read -r full_s full_mb full_cpu < <(run "$work/worries-10000.json" "$size")
    ratio="$(awk -v a="$full_s" -v b="$base_s" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
    verdict=""
    if [ "$size" = 7680x4320 ]; then
        verdict="$(awk -v s="$full_s" -v m="$full_mb" 'BEGIN { print ((s <= 10 && m <= 800) ? "  [target ≤ 10 s, ≤ 800 MB: met]" : "  [target ≤ 10 s, ≤ 800 MB: MISSED]") }')"
    fi
    printf 'sky %-9s 10000 worries: %6.2f s (cpu %5.2f s), peak RSS %4d MB | baseline 1 worry: %6.2f s (cpu %5.2f s), %4d MB | ratio %sx%s\n' \
        "$size" "$full_s" "$full_cpu" "$full_mb" "$base_s" "$base_cpu" "$base_mb" "$ratio" "$verdict"
done

echo "layout only (Benchmarks/sky-layout):"
bash "$root/Benchmarks/sky-layout/run.sh" | sed 's/^/  /'
