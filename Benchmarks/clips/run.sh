#!/usr/bin/env bash
# Clip benchmark, one command, ratios within one run (the machine is shared and noisy):
#
#   1. per worry (short Korean, 200-character Korean, English with emoji) and per format, with sound:
#      CPU seconds, wall seconds, bytes and SSIM against the lossless PNG frames of the same
#      clip (whole clip, and the last 15 frames: the dark empty sky), for today's settings
#      (`legacy`) and the chosen ones (`clips`), side by side;
#   2. time to ready against a live release server: a single post (median of 10) and a burst
#      of 10 posts within a second (90th percentile), from the POST's answer to `ready`.
#
# Usage: bash Benchmarks/clips/run.sh            (everything)
#        bash Benchmarks/clips/run.sh --sweep    (the settings table of Benchmarks/clips/README.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/deps.sh
dumpit_install_packages "${DUMPIT_BUILD_PACKAGES[@]}" ffmpeg
swift build -c release --product dumpit >/dev/null
bin=$PWD/.build/release/dumpit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

short="회사 가기 싫어요"
long=$(python3 -c "print(('요즘 회사에서 하는 일마다 실수가 나와서 팀장님 얼굴을 보기가 너무 힘들어요. 밤마다 내일 또 무슨 일이 생길까 걱정돼서 잠이 안 오고, 주말에도 마음이 편하지 않아요. '*3)[:200])")
english="I keep worrying that I'm not good enough for this job 😢 and the review is tomorrow"

# ssim <clip> <frames dir> -> "whole end" (the All: values)
ssim() {
  local whole end
  whole=$(ffmpeg -nostdin -i "$1" -framerate 30 -i "$2/frame-%05d.png" -lavfi "[0:v][1:v]ssim" -f null - 2>&1 | grep -o 'All:[0-9.]*' | cut -d: -f2)
  end=$(ffmpeg -nostdin -i "$1" -framerate 30 -start_number 136 -i "$2/frame-%05d.png" \
        -lavfi "[0:v]trim=start_frame=135,setpts=PTS-STARTPTS[a];[a][1:v]ssim" -f null - 2>&1 | grep -o 'All:[0-9.]*' | cut -d: -f2)
  echo "$whole $end"
}

# measure <worry name> <output> <tuning> [extra bench clip options...]
measure() {
  local name=$1 output=$2 tuning=$3; shift 3
  local text=${!name}
  local ext=mp4; [ "$output" = webm ] && ext=webm
  local file="$work/$name-$output-$tuning.$ext"
  local line; line=$("$bin" bench clip --text "$text" --output "$output" --tuning "$tuning" --out "$file" "$@" | head -1)
  local cpu wall bytes; cpu=$(sed 's/.*cpu=\([0-9.]*\).*/\1/' <<<"$line"); wall=$(sed 's/.*wall=\([0-9.]*\).*/\1/' <<<"$line"); bytes=$(sed 's/.*bytes=\([0-9]*\).*/\1/' <<<"$line")
  local s="- -"; [ "$output" != story ] && s=$(ssim "$file" "$work/frames-$name")
  printf '%-8s %-6s %-7s cpu %5.2f s  wall %5.2f s  %7.0f KB  ssim %s (end %s)\n' "$name" "$output" "$tuning" "$cpu" "$wall" "$((bytes / 1000))" ${s}
}

if [ "${1:-}" = "--sweep" ]; then
  for n in short long; do "$bin" bench clip --text "${!n}" --output frames --out "$work/frames-$n" >/dev/null; done
  echo "| worry | encoder | setting | CPU s | KB | SSIM | SSIM end |"
  echo "|---|---|---|---|---|---|---|"
  for n in short long; do
    for preset in veryfast faster fast; do for crf in 20 23 26; do
      l=$(measure "$n" post clips --h264-preset "$preset" --h264-crf "$crf")
      read -r _ _ _ _ cpu _ _ _ _ kb _ _ s _ e <<<"$l"; echo "| $n | x264 | $preset crf $crf | $cpu | $kb | $s | ${e%)} |"
    done; done
    for speed in 6 7 8; do for crf in 30 34 38; do
      l=$(measure "$n" webm clips --vp9-speed "$speed" --vp9-crf "$crf")
      read -r _ _ _ _ cpu _ _ _ _ kb _ _ s _ e <<<"$l"; echo "| $n | vp9 | cpu-used $speed crf $crf | $cpu | $kb | $s | ${e%)} |"
    done; done
  done
  exit 0
fi

echo "== clips: CPU, size, SSIM (legacy = before the table, clips = chosen)"
for n in short long english; do
  "$bin" bench clip --text "${!n}" --output frames --out "$work/frames-$n" >/dev/null
  for output in post webm story; do
    for tuning in legacy clips; do measure "$n" "$output" "$tuning"; done
  done
done

echo "== where a post's CPU goes (short worry, with sound and end card): each stage alone, same frames"
echo "   (floor = the same frames and sound through the encoders alone; pipeline = the real render)"
"$bin" bench clip --text "$short" --output post --out "$work/split.mp4" --split --public-url https://dump.example

echo "== time to ready (live release server, 2 render workers' worth of cores)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --port "$port" --data "$work/data" --rate-limit-owner 0 --rate-limit-address 0 --daily-limit-address 0 >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
python3 Benchmarks/clips/ready.py "http://127.0.0.1:$port"
