#!/usr/bin/env python3
"""Driver of Benchmarks/fleet/run.sh (standard library + psql). Talks only to 127.0.0.1."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "fleet"))
from fleet import Database, Process, free_port, healthy, post_worry, wait_for  # noqa: E402

ARTIFACTS = Path(tempfile.mkdtemp(prefix="dumpit-fleet-bench-"))


def token(n):
    return f"bench-owner-token-{n:05d}-" + "y" * 20


def clips_per_minute(workers, posts):
    """Seconds from the first of `posts` posts until every clip is ready, rendered by `workers` processes."""
    db = Database()
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    port = free_port()
    serve = Process(f"serve-{workers}w", ["serve", "--port", str(port), "--data", str(folder / "serve"),
                                          "--database", db.url, "--render-workers", "0",
                                          "--rate-limit-owner", "0", "--rate-limit-address", "0", "--daily-limit-address", "0"], ARTIFACTS)
    renderers = []
    try:
        wait_for(lambda: healthy(port), 120, "serve")
        for index in range(workers):
            # each worker on a core of its own, as workers on separate machines would be: the
            # ratio then measures what the fleet adds or loses, not how one process shares cores
            pin = ["taskset", "-c", str(index % (os.cpu_count() or 1))] if shutil.which("taskset") else []
            renderers.append(Process(f"worker-{workers}w-{index}", [
                "worker", "--database", db.url, "--data", str(folder / f"w{index}"), "--concurrency", "1"], ARTIFACTS,
                launcher=pin))
        for worker in renderers:
            wait_for(lambda: "worker started" in worker.text(), 120, "worker")
        started = time.time()
        for n in range(posts):
            status, _, _ = post_worry(f"http://127.0.0.1:{port}", f"벤치마크 걱정 {n} — benchmark worry number {n}", token(n))
            assert status == 201, status
        wait_for(lambda: db.scalar("SELECT count(*) FROM clip WHERE status = 'ready'") == posts, 3600,
                 "every clip ready", interval=0.25)
        return time.time() - started
    finally:
        for process in renderers + [serve]:
            process.stop()
        shutil.rmtree(folder, ignore_errors=True)


def post_load(database_args, seconds, name):
    """One line of Benchmarks/service/load.py: 64 connections posting worries for `seconds`."""
    folder = Path(tempfile.mkdtemp(prefix="bench-post-"))
    port = free_port()
    serve = Process(f"post-{name}", ["serve", "--port", str(port), "--data", str(folder), *database_args,
                                     "--render-workers", "0", "--rate-limit-owner", "0", "--rate-limit-address", "0", "--daily-limit-address", "0"],
                    ARTIFACTS)
    try:
        wait_for(lambda: healthy(port), 120, "serve")
        out = subprocess.run(
            [sys.executable, str(REPO / "Benchmarks" / "service" / "load.py"), "--port", str(port), "--name", name,
             "--method", "POST", "--path", "/api/worries", "--connections", "64", "--requests", "1000000",
             "--seconds", str(seconds), "--text-prefix", f"{name} worry"],
            capture_output=True, text=True, timeout=seconds + 300, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        serve.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--only", choices=["clips", "posts"])
    args = parser.parse_args()
    cores = os.cpu_count()
    if args.only != "posts":
        clips(args.posts, cores)
    if args.only != "clips":
        posts(args.seconds)
    print(f"(process logs in {ARTIFACTS})")


def clips(posts, cores):
    one = clips_per_minute(1, posts)
    print(f"fleet: {posts} clips (1280x720, 5 s) with 1 worker process (pinned to 1 core): {one:.1f} s, "
          f"{posts / one * 60:.1f} clips/min", flush=True)
    two = clips_per_minute(2, posts)
    print(f"fleet: {posts} clips with 2 worker processes (1 core each): {two:.1f} s, {posts / two * 60:.1f} clips/min; "
          f"2 workers / 1 worker = {one / two:.2f}x on {cores} cores (goal >= 1.8x)", flush=True)


def posts(seconds):
    sqlite = post_load([], seconds, "sqlite")
    postgres = post_load(["--database", Database().url], seconds, "postgres")
    for row in (sqlite, postgres):
        bad = sum(v for k, v in row["statuses"].items() if int(k) >= 400)
        print(f"fleet: POST /api/worries at 64 connections on {row['name']}: {row['rps']} req/s, "
              f"p99 {row['p99_ms']} ms, {bad} errors")
    print(f"fleet: PostgreSQL / SQLite POST throughput = {postgres['rps'] / sqlite['rps']:.2f}x (goal >= 0.5x); "
          f"p99 {postgres['p99_ms']} vs {sqlite['p99_ms']} ms")


if __name__ == "__main__":
    main()
