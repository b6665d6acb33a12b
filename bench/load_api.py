"""A bounded load test: N concurrent requests against `telex serve` on loopback, no error allowed.

Usage:
    python bench/load_api.py --db corpus.db                # starts `telex serve` on a free port
    python bench/load_api.py --url http://127.0.0.1:8000   # a server already running
    python bench/load_api.py --db corpus.db --requests 1000 --concurrency 200 --token T

Every request is sent from its own thread, all released together (a barrier), so that
`--concurrency` of them are in flight at once; the mix covers the JSON API and the pages
(search, articles, actors, events, timeline, network, places). It prints requests served,
errors (any status but 200, or no answer within the timeout), and p50/p95/max latency, and
exits 1 on any error. Only loopback addresses are accepted: this is not a tool to load someone
else's server.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PATHS = (
    "/api/v1/stats",
    "/api/v1/articles?limit=20",
    "/api/v1/articles?q=ministre",
    "/api/v1/actors?limit=50",
    "/api/v1/actors?q=Dumont",
    "/api/v1/events?limit=100",
    "/api/v1/timeline?interval=month",
    "/api/v1/quotes?limit=50",
    "/api/v1/network",
    "/api/v1/places",
    "/",
    "/?q=ministre",
    "/actors",
    "/events",
    "/network",
    "/map",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(db: Path, token: str | None) -> Iterator[str]:
    """`telex serve` on a free loopback port, for as long as the block runs."""
    port = _free_port()
    command = [sys.executable, "-m", "telex", "serve", "--db", str(db), "--port", str(port)]
    env = {**os.environ, **({"TELEX_TOKEN": token} if token else {})}
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                said = server.stderr.read() if server.stderr else ""
                raise SystemExit(f"telex serve stopped: {said}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if time.monotonic() > deadline:
                raise SystemExit("telex serve did not start within 60 s")
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def load(url: str, *, requests: int, concurrency: int, timeout: float, token: str | None) -> dict:
    """Send `requests` GETs, `concurrency` at a time, all of a wave released together."""
    host = urllib.parse.urlsplit(url).hostname or ""
    if not (host == "localhost" or ipaddress.ip_address(host).is_loopback):
        raise SystemExit(f"refusing to load {host}: only loopback addresses")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one(path: str, barrier: threading.Barrier) -> None:
        request = urllib.request.Request(url + path, headers=headers)
        barrier.wait()
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as err:
            status = err.code
        except (urllib.error.URLError, OSError) as err:
            with lock:
                errors.append(f"{path}: {err}")
            return
        spent = (time.perf_counter() - began) * 1000
        with lock:
            if status == 200:
                latencies.append(spent)
            else:
                errors.append(f"{path}: HTTP {status}")

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        sent = 0
        while sent < requests:
            wave = min(concurrency, requests - sent)
            barrier = threading.Barrier(wave)
            futures = [
                pool.submit(one, PATHS[(sent + n) % len(PATHS)], barrier) for n in range(wave)
            ]
            for future in futures:
                future.result()
            sent += wave
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies) or [0.0]
    return {
        "requests": requests,
        "served": len(latencies),
        "errors": len(errors),
        "first_errors": errors[:5],
        "seconds": elapsed,
        "p50_ms": statistics.median(ordered),
        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "max_ms": ordered[-1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", type=Path, help="A corpus: starts `telex serve` on it.")
    where.add_argument("--url", help="A running server on loopback, e.g. http://127.0.0.1:8000")
    parser.add_argument("--requests", type=int, default=200, help="Requests in all.")
    parser.add_argument("--concurrency", type=int, default=200, help="Requests in flight at once.")
    parser.add_argument("--timeout", type=float, default=60.0, help="Seconds per request.")
    parser.add_argument(
        "--token", default=os.environ.get("TELEX_TOKEN"), help="The server's token, if any."
    )
    args = parser.parse_args()

    with contextlib.ExitStack() as stack:
        url = args.url or stack.enter_context(serving(args.db, args.token))
        result = load(
            url,
            requests=args.requests,
            concurrency=args.concurrency,
            timeout=args.timeout,
            token=args.token,
        )
    print(
        f"load: {result['served']} of {result['requests']} requests served, "
        f"{result['errors']} errors, {args.concurrency} concurrent, {result['seconds']:.1f} s; "
        f"latency p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
        f"max {result['max_ms']:.0f} ms"
    )
    for error in result["first_errors"]:
        print(f"  error: {error}", file=sys.stderr)
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
