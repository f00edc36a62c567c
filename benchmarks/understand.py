"""How fast is understanding? Utterances per second, and the CLI's time to a first answer.

    .venv/bin/python benchmarks/understand.py [--seconds 5] [--runs 10]

Throughput runs the full `Understander.understand` (normalising, emergency detection, matching)
over the evaluation sets' utterances in one process on one core. Start-up runs
`angiovoice ask "when can I drive after my stent"` as a new process each time and reports the
wall time from launch to exit, interpreter start included. Targets (issue 2): at least 5,000
utterances per second, and under 0.5 s for `angiovoice ask`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from angiovoice.assistant import build_assistant  # noqa: E402


def utterances() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "data").glob("understanding_eval*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
    return texts


def throughput(seconds: float) -> tuple[float, int]:
    understander = build_assistant().understander
    texts = utterances()
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            understander.understand(text)
        done += len(texts)
    return done / (time.perf_counter() - start), len(texts)


def startup(runs: int) -> list[float]:
    exe = shutil.which("angiovoice", path=str(Path(sys.executable).parent)) or "angiovoice"
    command = [exe, "ask", "when can I drive after my stent"]
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says

    rate, distinct = throughput(args.seconds)
    times = startup(args.runs)
    print(
        f"understanding: {rate:,.0f} utterances/s on one core "
        f"({distinct} distinct utterances, target >= 5,000)"
    )
    print(
        f"angiovoice ask: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {len(times)} runs (target < 500 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
