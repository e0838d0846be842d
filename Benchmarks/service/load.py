#!/usr/bin/env python3
"""Bounded loopback load client for `dumpit serve` (standard library only).

Opens N keep-alive HTTP/1.1 connections with asyncio and sends requests until a request
count or a time limit is reached, then prints one line: requests/s and latency percentiles.
It only ever talks to 127.0.0.1.
"""
import argparse
import asyncio
import json
import os
import time


async def request(reader, writer, method, path, headers, body):
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
    for name, value in headers.items():
        head += f"{name}: {value}\r\n"
    if body is not None:
        head += f"Content-Length: {len(body)}\r\n"
    writer.write(head.encode() + b"\r\n" + (body or b""))
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("server closed the connection")
    status = int(status_line.split()[1])
    length = 0
    chunked = False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        size_total = 0
        while True:
            size = int((await reader.readline()).strip(), 16)
            if size == 0:
                await reader.readline()
                break
            await reader.readexactly(size + 2)
            size_total += size
        return status, size_total
    if length:
        await reader.readexactly(length)
    return status, length


async def run(args):
    deadline = time.monotonic() + args.seconds
    remaining = [args.requests]
    latencies = []
    statuses = {}
    body_bytes = [0]
    counter = [0]

    def next_body():
        counter[0] += 1
        if args.method != "POST":
            return None
        text = f"{args.text_prefix} {os.getpid()}-{counter[0]}"
        return json.dumps({"text": text}, ensure_ascii=False).encode()

    async def worker(index):
        reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
        token = f"bench{index:04d}" + "x" * 40
        headers = {"Content-Type": "application/json", "X-Owner-Token": token} if args.method == "POST" else {}
        try:
            while remaining[0] > 0 and time.monotonic() < deadline:
                remaining[0] -= 1
                body = next_body()
                start = time.perf_counter()
                status, size = await request(reader, writer, args.method, args.path, headers, body)
                latencies.append(time.perf_counter() - start)
                statuses[status] = statuses.get(status, 0) + 1
                body_bytes[0] += size
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(args.connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    result = {
        "name": args.name,
        "requests": len(latencies),
        "seconds": round(elapsed, 3),
        "rps": round(len(latencies) / elapsed, 1) if elapsed > 0 else 0,
        "p50_ms": round(pct(50), 2),
        "p99_ms": round(pct(99), 2),
        "avg_body_bytes": int(body_bytes[0] / max(1, len(latencies))),
        "statuses": statuses,
    }
    print(json.dumps(result, ensure_ascii=False))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--path", default="/healthz")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--text-prefix", default="benchmark worry")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
