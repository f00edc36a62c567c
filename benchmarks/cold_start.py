"""Cold start: time from process start to the first Lambda answer, ours beside a minimal
ask-sdk-core skill, in the same run (issue 6).

    .venv/bin/python benchmarks/cold_start.py [--runs 15]

Each run starts a new Python process that imports the handler module and answers one
IntentRequest (tests/fixtures/alexa/driving.json), as a fresh Lambda container does; the wall
time of the whole process is measured, interpreter start included. The two skills alternate.
Target: ours at most 1.5 times the minimal skill's median.

As deployed: the package the README builds (`pip install --target`) holds the bytecode of every
module, ours and the SDK's, so a container imports them without compiling. Here both skills run
from this tree with their bytecode in a temporary directory (PYTHONPYCACHEPREFIX), written by one
untimed run each, and nothing is written in the tree. The same runs without any bytecode (every
module compiled from source on each start, as a package built with --no-compile would) are
reported as well, for comparison: there the larger skill pays for its larger source.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
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

SKILLS = {
    "angiovoice (skill.lambda_handler)": ("skill", ROOT),
    "minimal ask-sdk-core skill": ("minimal_skill", ROOT / "benchmarks"),
}


def one_run(module: str, path: Path, env: dict[str, str]) -> float:
    code = PROGRAM.format(path=str(path), module=module, event=str(EVENT))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def measure(title: str, env: dict[str, str], runs: int) -> float:
    for module, path in SKILLS.values():
        one_run(module, path, env)  # warms the file cache (and writes the bytecode, if allowed)
    times: dict[str, list[float]] = {name: [] for name in SKILLS}
    for _ in range(runs):
        for name, (module, path) in SKILLS.items():
            times[name].append(one_run(module, path, env))
    print(title)
    for name, values in times.items():
        print(
            f"  {name:<36} median {statistics.median(values) * 1000:6.0f} ms  "
            f"min {min(values) * 1000:6.0f} ms  max {max(values) * 1000:6.0f} ms"
        )
    ours, minimal = (statistics.median(values) for values in times.values())
    return ours / minimal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="angiovoice-bytecode-") as cache:
        deployed = measure(
            "with bytecode, as the deployed package has it:",
            {"PATH": "", "PYTHONPYCACHEPREFIX": cache},
            args.runs,
        )
    compiled = measure(
        "without bytecode (every module compiled on each start):",
        {"PATH": "", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": "/nonexistent"},
        args.runs,
    )
    print(f"ratio {deployed:.2f} (target <= 1.5), {args.runs} runs each")
    print(f"ratio without bytecode {compiled:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
