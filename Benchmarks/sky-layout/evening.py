#!/usr/bin/env python3
"""Writes a made-up evening of worries for `dumpit sky --from` (the docs picture).

Usage: python3 Benchmarks/sky-layout/evening.py [COUNT] > worries.json

The worries are the hand-written ones of Tests/DumpEngineTests/Fixtures (all three files),
drawn with repeats the way people repeat one another, some with the small variations people
type (a leading 요즘/오늘도, a trailing ㅠㅠ or ...), and a few loners that say nothing in
particular; createdAt spreads them over one day. Seeded: the same COUNT gives the same file.
"""
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
fixtures = Path(__file__).resolve().parents[2] / "Tests" / "DumpEngineTests" / "Fixtures"
texts = []
for name in ("worries-dev.tsv", "worries-heldout.tsv", "worries-unlisted.tsv"):
    for line in (fixtures / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            texts.append(line.split("\t", 1)[1])
loners = ["그냥 다 귀찮다", "아무 생각도 하기 싫어", "오늘 하루도 끝", "뭘 해야 할지 모르겠다", "Just tired of everything",
          "괜찮은 척하는 게 힘들어", "다 잘 될까", "I don't know", "모든 게 불안해", "숨 좀 쉬고 싶다"]
random.seed(20261125)
start = datetime(2026, 11, 24, 21, 0, tzinfo=timezone.utc)
out = []
for index in range(count):
    roll = random.random()
    if roll < 0.06:
        text = random.choice(loners)
    else:
        text = random.choice(texts)
        if random.random() < 0.25 and not text[0].isascii():
            text = random.choice(["요즘 ", "오늘도 ", "진짜 ", "아 "]) + text
        if random.random() < 0.2:
            text += random.choice([" ㅠㅠ", "...", "!!", " ㅜㅜ", "."])
    created = start + timedelta(seconds=int(86_000 * index / count) + random.randint(0, 59))
    out.append({"text": text, "createdAt": created.strftime("%Y-%m-%dT%H:%M:%SZ"), "id": f"evening-{index:04d}"})
json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
