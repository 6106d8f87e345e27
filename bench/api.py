"""API benchmark: 50 concurrent clients on loopback against `hojokin serve`.

    .venv/bin/python bench/api.py [--clients 50] [--requests 20000] [--port 8765] [--workers 2]

Starts `hojokin serve` on a new SQLite file (the seed catalog loaded), waits until it
answers, then lets `--clients` keep-alive connections send `--requests` requests in all,
alternating a search (`GET /api/v1/programs?q=…`) and a check of one program
(`POST /api/v1/check`), each client sending its next request when the last one
answered. Clients connect 10 ms apart, sending untimed requests until all 50 are in;
the timed requests start then. The client is plain asyncio streams on uvloop, to leave
the two cores to the server as much as possible. The last line printed is one JSON
object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
import urllib.parse
from collections import defaultdict

import uvloop
from serving import HOST, machine, percentile, served

# People arrive over time, not all in one millisecond: 50 connections made at once are
# split between the workers by whichever accepts first, as unevenly as 45 to 5.
ARRIVAL_S = 0.01
QUERIES = ["販路開拓", "水素", "IT", "ゼロエミッション", "創業", "設備", "海外 販路", "融資"]
PROGRAMS = [
    "tokyo-zeroemi-innovation",
    "toyama-gijutsu-kaihatsu-josei",
    "hokkaido-suiso-shakai-suishin",
]
COMPANY = {
    "legal_form": "corporation",
    "industry": "manufacturing",
    "capital_yen": 100_000_000,
    "employees": 50,
    "founded_on": "2015-04-01",
    "head_office_prefecture": "東京都",
}


def request_bytes(i: int, host: str) -> tuple[str, bytes]:
    if i % 2 == 0:
        q = urllib.parse.quote(QUERIES[i // 2 % len(QUERIES)])
        return "search", f"GET /api/v1/programs?q={q} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    body = json.dumps({"company": COMPANY, "program_id": PROGRAMS[i // 2 % len(PROGRAMS)]}).encode()
    head = (
        f"POST /api/v1/check HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return "check", head.encode() + body


async def request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, i: int, host: str
) -> tuple[str, int, float]:
    """Send request `i` and read its answer: (kind, status, milliseconds)."""
    kind, data = request_bytes(i, host)
    started = time.perf_counter()
    writer.write(data)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)
    return kind, status, (time.perf_counter() - started) * 1000


class Run:
    """Clients arrive one by one (`ARRIVAL_S` apart) and keep sending untimed requests
    until the last has connected; then the `requests` timed ones are shared out."""

    def __init__(self, host: str, port: int, clients: int, requests: int) -> None:
        self.host, self.port, self.clients = host, port, clients
        self.jobs: asyncio.Queue[int] = asyncio.Queue()
        for i in range(requests):
            self.jobs.put_nowait(i)
        self.timings: defaultdict[str, list[float]] = defaultdict(list)
        self.connected = 0
        self.everyone_in = asyncio.Event()
        self.started = 0.0

    async def client(self, n: int) -> None:
        await asyncio.sleep(n * ARRIVAL_S)
        reader, writer = await asyncio.open_connection(self.host, self.port)
        self.connected += 1
        if self.connected == self.clients:
            self.started = time.perf_counter()
            self.everyone_in.set()
        try:
            while not self.everyone_in.is_set():
                await request(reader, writer, n, self.host)
            while True:
                try:
                    i = self.jobs.get_nowait()
                except asyncio.QueueEmpty:
                    return
                kind, status, ms = await request(reader, writer, i, self.host)
                self.timings[kind if status == 200 else f"{kind}_error_{status}"].append(ms)
        finally:
            writer.close()


async def load(
    host: str, port: int, clients: int, requests: int
) -> tuple[dict[str, list[float]], float]:
    run = Run(host, port, clients, requests)
    await asyncio.gather(*(run.client(n) for n in range(clients)))
    return dict(run.timings), time.perf_counter() - run.started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        environ = {"HOJOKIN_DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"}
        with served(args.port, args.workers, environ):
            uvloop.run(load(HOST, args.port, args.clients, 200))  # warm up
            timings, seconds = uvloop.run(load(HOST, args.port, args.clients, args.requests))
    done = sum(len(v) for v in timings.values())
    print(machine())
    print(f"{done:,} requests from {args.clients} clients in {seconds:.1f} s")
    for kind, values in sorted(timings.items()):
        print(
            f"  {kind:8} n={len(values):5} p50={percentile(values, 0.5):7.1f} ms "
            f"p95={percentile(values, 0.95):7.1f} ms p99={percentile(values, 0.99):7.1f} ms"
        )
    figures = {
        "clients": args.clients,
        "workers": args.workers,
        "requests": done,
        "errors": sum(len(v) for k, v in timings.items() if "error" in k),
        "rps": round(done / seconds, 1),
        "search_p50_ms": round(percentile(timings["search"], 0.5), 1),
        "search_p95_ms": round(percentile(timings["search"], 0.95), 1),
        "check_p50_ms": round(percentile(timings["check"], 0.5), 1),
        "check_p95_ms": round(percentile(timings["check"], 0.95), 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
