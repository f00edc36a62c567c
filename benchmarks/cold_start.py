"""Cold start: time from process start to the first Lambda answer, ours beside a minimal
ask-sdk-core skill, in the same run (issue 6).

    .venv/bin/python benchmarks/cold_start.py [--runs 15]

Each run starts a new Python process that imports the handler module and answers one
IntentRequest (tests/fixtures/alexa/driving.json), as a fresh Lambda container does; the wall
time of the whole process is measured, interpreter start included. The two skills alternate.
Target: ours at most 1.5 times the minimal skill's median.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVENT = ROOT / "tests" / "fixtures" / "alexa" / "driving.json"

PROGRAM = """
import json, sys
sys.path.insert(0, {path!r})
from {module} import lambda_handler
event = json.load(open({event!r}))
answer = lambda_handler(event, None)
assert answer["response"]["outputSpeech"]["ssml"], answer
"""


def one_run(module: str, path: Path) -> float:
    code = PROGRAM.format(path=str(path), module=module, event=str(EVENT))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        env={"PATH": "", "PYTHONDONTWRITEBYTECODE": "1"},
        cwd=ROOT,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    skills = {
        "angiovoice (skill.lambda_handler)": ("skill", ROOT),
        "minimal ask-sdk-core skill": ("minimal_skill", ROOT / "benchmarks"),
    }
    for module, path in skills.values():
        one_run(module, path)  # warm the file cache and write nothing else
    times: dict[str, list[float]] = {name: [] for name in skills}
    for _ in range(args.runs):
        for name, (module, path) in skills.items():
            times[name].append(one_run(module, path))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(
            f"{name:<36} median {medians[name] * 1000:6.0f} ms  "
            f"min {min(values) * 1000:6.0f} ms  max {max(values) * 1000:6.0f} ms"
        )
    ours, minimal = medians.values()
    print(f"ratio {ours / minimal:.2f} (target <= 1.5), {args.runs} runs each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
