"""Serving benchmarks, on 127.0.0.1 only: Datasette (with the almanac's plugins and its response
cache) side by side with `python -m http.server` serving the same bytes from files, and the
canned queries through Datasette against the same SQL run directly on the database.

The load is bounded: a fixed number of requests per measurement, each on a new connection (as
http.server's HTTP/1.0 requires), from an asyncio client in the benchmark's own process, with
a deadline.
"""

import asyncio
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# The pages a visitor opens first and the JSON a client calls most.
PAGES = {
    "home page": "/",
    "model page": "/almanac/models/gpt-4o",
    "models.json": "/almanac/models.json",
    "cost_estimate.json": "/almanac/cost_estimate.json",
}
REQUESTS = 400  # per measurement: enough for a p99 of four requests
DEADLINE = 60  # seconds any one measurement may take
# The canned queries a visitor runs most, with the parameters of their forms' defaults.
KEY_QUERIES = ("cost_estimate", "prices_on_date", "price_history", "compare_prices", "search", "model_card", "resolve_name", "cheapest_by_month")
QUERY_RUNS = 25


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command, port):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{command[2]} exited with status {process.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{command} did not start")


def datasette(site):
    port = free_port()
    return start([sys.executable, "-m", "datasette", "serve", str(site), "-h", "127.0.0.1", "-p", str(port)], port), port


def http_server(folder):
    port = free_port()
    return start([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)], port), port


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
        return response.read()


async def one_request(port, request):
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    data = await reader.read()
    writer.close()
    if not data.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200")):
        raise RuntimeError(f"not answered 200: {data[:80]!r}")
    return time.perf_counter() - started


async def load(port, path, clients, requests=REQUESTS):
    """(requests per second, p50 ms, p99 ms) of `requests` GETs from `clients` at once."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()
    latencies, remaining = [], [requests]

    async def client():
        while remaining[0] > 0:
            remaining[0] -= 1
            latencies.append(await one_request(port, request))

    started = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(client() for _ in range(clients))), DEADLINE)
    elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def side_by_side(site, runs, client_counts=(1, 8, 32)):
    """{(page, clients): {"datasette": [(rps, p50, p99)...], "http.server": [...]}}."""
    served, port = datasette(site)
    folder = Path(site).parent / "static-copy"
    shutil.rmtree(folder, ignore_errors=True)
    files = {}
    try:
        for name, path in PAGES.items():
            body = fetch(port, path)
            target = folder / (path.strip("/") or "index.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
            files[name] = "/" + str(target.relative_to(folder))
        static, static_port = http_server(folder)
        try:
            results = {}
            for name, path in PAGES.items():
                for clients in client_counts:
                    cell = results.setdefault((name, clients), {"datasette": [], "http.server": []})
                    for _ in range(runs):
                        cell["datasette"].append(asyncio.run(load(port, path, clients)))
                        cell["http.server"].append(asyncio.run(load(static_port, files[name], clients)))
            return results
        finally:
            stop(static)
    finally:
        stop(served)
        shutil.rmtree(folder, ignore_errors=True)


def site_folder(db, folder):
    """A Datasette configuration folder like the project's, serving `db`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("metadata.yml", "settings.json", "templates", "plugins", "static"):
        if (ROOT / name).exists() and not (folder / name).exists():
            os.symlink(ROOT / name, folder / name)
    shutil.copyfile(db, folder / "almanac.db")
    # Run in the folder, as `make` does: Datasette treats a database as immutable (downloadable,
    # cacheable) when inspect-data.json names its file, and it compares file names.
    subprocess.run([sys.executable, "-m", "datasette", "inspect", "almanac.db", "--inspect-file", "inspect-data.json"], check=True, cwd=folder)
    return folder


def canned(site, queries):
    """{query: {"served": (p50, p99), "direct": (p50, p99)}} in ms, each query run QUERY_RUNS
    times: through Datasette (a distinct `_bench` value each time, so the cache never answers)
    and as the same SQL with the same parameters on a plain connection."""
    served, port = datasette(site)
    results = {}
    try:
        connection = sqlite3.connect(f"file:{Path(site) / 'almanac.db'}?immutable=1", uri=True)
        for name in KEY_QUERIES:
            query = queries[name]
            params = {key: str(spec.get("default", "")) for key, spec in (query.get("parameters") or {}).items()}
            if "q" in params:
                params["q"] = params["q"] or "gemini flash price"
            served_ms, direct_ms = [], []
            for run in range(QUERY_RUNS):
                path = f"/almanac/{name}.json?" + urlencode({**params, "_bench": run})
                started = time.perf_counter()
                fetch(port, path)
                served_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                connection.execute(query["sql"], params).fetchall()
                direct_ms.append((time.perf_counter() - started) * 1000)
            results[name] = {
                "served": (statistics.median(served_ms), percentile(served_ms, 99)),
                "direct": (statistics.median(direct_ms), percentile(direct_ms, 99)),
            }
        connection.close()
    finally:
        stop(served)
    return results
