"""A channel endpoint against a bare Flask view, under the same server, in the same run.

Used by benchmarks/channels.py. The app is the real one (create_app,
development settings so no platform signature is needed) with bare views that return fixed
bodies (benchmarks/bench_server.py); gunicorn runs it with the production configuration
(angiovoice.server); wrk drives it over loopback at a fixed concurrency. The targets alternate,
round after round, and the report gives the median of the rounds: this shared 2-core machine's
speed varies by a factor of two from one minute to the next, and alternating puts every target
through the same swings.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    cpu_ms: float = 0.0  # the server's CPU time (all its processes) per request
    body_bytes: int = 0  # the size of the answer's body


def server_cpu_seconds(root: int) -> float:
    """User and system CPU time of process `root` and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process has gone
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    tree, grown = {root}, True
    while grown:  # a child's pid is not always above its parent's, so repeat until stable
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    return sum(times.get(pid, 0.0) for pid in tree)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(base: str, server: subprocess.Popen[bytes], path: str = "/healthz") -> None:
    """Wait up to 30 s for the server to answer `path`; fail if it exits or never answers."""
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + path, timeout=1).read()
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the benchmark server did not start") from None
            time.sleep(0.2)


def _post(url: str, body: bytes, content_type: str) -> bytes:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return bytes(answer.read())


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _wrk(url: str, body: bytes, content_type: str, seconds: int, clients: int) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        body_file = Path(tmp) / "body"
        body_file.write_bytes(body)
        script = Path(tmp) / "post.lua"
        script.write_text(
            'wrk.method = "POST"\n'
            f'wrk.headers["Content-Type"] = "{content_type}"\n'
            f'local f = io.open("{body_file}", "rb"); wrk.body = f:read("*a"); f:close()\n'
        )
        out = subprocess.run(
            ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "-s", str(script), url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    p50, p99 = (re.match(r"([\d.]+)(\w+)", lat[k]) for k in ("50", "99"))
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors = int(non2xx.group(1)) if non2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Result(
        url.rsplit("/", 1)[-1],
        rps,
        _ms(*p50.groups()),
        _ms(*p99.groups()),
        errors,  # type: ignore[union-attr]
        total,
    )


def compare(
    paths: Sequence[str],
    body: bytes,
    content_type: str,
    seconds: int = 5,
    clients: int = 16,
    rounds: int = 5,
) -> list[list[Result]]:
    """Serve the app, then measure each of `paths` in turn, round after round: one list of
    results per path, one result per round."""
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    port = free_port()
    env = {**os.environ, "ANGIOVOICE_BENCH_PORT": str(port), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / "bench_server.py")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server)
        sizes = [len(_post(base + path, body, content_type)) for path in paths]
        for path in paths:  # warm up every worker on each
            _wrk(base + path, body, content_type, 2, clients)
        results: list[list[Result]] = [[] for _ in paths]
        for _ in range(rounds):
            for path, size, measured in zip(paths, sizes, results, strict=True):
                before = server_cpu_seconds(server.pid)
                result = _wrk(base + path, body, content_type, seconds, clients)
                used = server_cpu_seconds(server.pid) - before
                cpu_ms = used * 1000 / max(result.requests, 1)
                measured.append(replace(result, cpu_ms=cpu_ms, body_bytes=size))
        return results
    finally:
        server.terminate()
        server.wait(timeout=15)


def _row(label: str, results: list[Result]) -> str:
    median = statistics.median
    return (
        f"  {label:<12}{median(r.rps for r in results):>10,.0f}"
        f"{median(r.p50_ms for r in results):>10.2f}{median(r.p99_ms for r in results):>10.2f}"
        f"{median(r.cpu_ms for r in results):>10.2f}{sum(r.errors for r in results):>8}"
    )


def _ratio(ours: list[Result], bare: list[Result]) -> str:
    """The median of each round's ratio, and their spread."""
    ratios = sorted(o.rps / b.rps for o, b in zip(ours, bare, strict=True))
    return f"{statistics.median(ratios):.2f} (rounds {ratios[0]:.2f}-{ratios[-1]:.2f})"


def report(
    title: str,
    ours: list[Result],
    bare: list[Result],
    page: list[Result],
    clients: int,
    min_ratio: float,
) -> str:
    """Medians over the rounds; a ratio is the median of each round's pair."""
    p99 = statistics.median(r.p99_ms for r in ours)
    lines = [
        f"{title} at {clients} concurrent clients (gunicorn, production settings, loopback, wrk)",
        f"  medians of {len(ours)} alternating rounds; cpu ms: the server's CPU time per request",
        f"  {'':<12}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'cpu ms':>10}{'errors':>8}",
        _row("endpoint", ours),
        _row("bare view", bare),
        _row("bare, page", page),
        f"  throughput ratio {_ratio(ours, bare)}, target >= {min_ratio}; "
        f"p99 {p99:.1f} ms, target < 25 ms",
        f"  against the bare view sending the endpoint's own answer ({page[0].body_bytes:,} "
        f"bytes, not {bare[0].body_bytes:,}): {_ratio(ours, page)}",
    ]
    if page[0].body_bytes != ours[0].body_bytes:  # bench_server.PAGES asks something else
        lines.append(
            f"  WARNING: the endpoint answered {ours[0].body_bytes:,} bytes, the page view "
            f"sends {page[0].body_bytes:,}: the second ratio compares different answers"
        )
    return "\n".join(lines)
