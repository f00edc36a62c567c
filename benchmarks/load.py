"""Load: a mix of Alexa and phone turns from 32 concurrent clients for 60 seconds against the
production server (gunicorn, production settings) with the event store on (issue 6).

    .venv/bin/python benchmarks/load.py [--clients 32] [--seconds 60]

The server is `angiovoice serve` in a subprocess on a free loopback port, with a fresh data
directory (SQLite events). Twilio requests are signed as Twilio signs them, with a test token,
so the signature check is on. Alexa requests carry the configured skill id; their signature and
timestamp checks are off (ASK_SDK_VERIFY_*=false), as only Amazon can sign them. Each client
sends turns back to back, on one HTTP connection that is opened again whenever the server closes
it (the sync workers close after every answer). At the end the server is stopped with SIGTERM,
and the events it stored are counted against the turns it served: they must be equal, and there
must be no errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from twilio.request_validator import RequestValidator

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_bench import free_port, wait_ready

ROOT = Path(__file__).resolve().parents[1]
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-00000000load"
TOKEN = "load-test-token"
ALEXA_INTENTS = [
    "DrivingIntent",
    "WorkIntent",
    "MedicationIntent",
    "ChestPainIntent",
    "StentIntent",
    "AMAZON.HelpIntent",
    "ActivityIntent",
    "FlyingIntent",
]
SPEECH = [
    "when can I drive after my stent",
    "which tablets do I need",
    "my chest hurts",
    "can I lift my grandson",
    "when can I go back to work",
    "what is a stent",
    "my wrist is bleeding where they put the tube in",
    "asdf qwerty",
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    turns: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def alexa_body(template: dict[str, object], intent: str) -> bytes:
    envelope = json.loads(json.dumps(template))
    envelope["request"]["intent"] = {"name": intent, "confirmationStatus": "NONE"}  # type: ignore[index]
    envelope["context"]["System"]["application"]["applicationId"] = SKILL_ID  # type: ignore[index]
    envelope["session"]["application"]["applicationId"] = SKILL_ID  # type: ignore[index]
    return json.dumps(envelope).encode()


def client(port: int, deadline: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    template = json.loads((ROOT / "tests/fixtures/alexa/driving.json").read_text())
    validator = RequestValidator(TOKEN)
    base = f"http://127.0.0.1:{port}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    call = f"CA{seed:032d}"
    while time.monotonic() < deadline:
        if rng.random() < 0.5:
            path, body = "/alexa", alexa_body(template, rng.choice(ALEXA_INTENTS))
            headers = {"Content-Type": "application/json"}
        else:
            path = "/twilio/voice" if rng.random() < 0.2 else "/twilio/gather?at=main&s=0"
            params = {
                "CallSid": call,
                "From": "+15551230000",
                "To": "+15005550006",
                "ToCountry": "US",
                "CallStatus": "in-progress",
            }
            if path != "/twilio/voice":
                params.update(SpeechResult=rng.choice(SPEECH), Confidence="0.9")
            body = urllib.parse.urlencode(params).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": validator.compute_signature(base + path, params),
            }
        start = time.perf_counter()
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        elapsed = time.perf_counter() - start
        with tally.lock:
            tally.turns += 1
            tally.errors += 0 if ok else 1
            tally.latencies.append(elapsed)
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "ALEXA_SKILL_ID": SKILL_ID,
            "TWILIO_AUTH_TOKEN": TOKEN,
            "ASK_SDK_VERIFY_SIGNATURE": "false",
            "ASK_SDK_VERIFY_TIMESTAMP": "false",
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "ANGIOVOICE_DATA_DIR": data_dir,
            "ANGIOVOICE_LOG_LEVEL": "WARNING",
        }
        env.pop("DATABASE_URL", None)
        exe = Path(sys.executable).parent / "angiovoice"
        server = subprocess.Popen(
            [str(exe), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_ready(f"http://127.0.0.1:{port}", server, "/readyz")
            tally = Tally()
            deadline = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=client, args=(port, deadline, tally, n))
                for n in range(args.clients)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.send_signal(signal.SIGTERM)
            code = server.wait(timeout=60)
        with sqlite3.connect(Path(data_dir) / "events.sqlite3") as db:
            stored = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    latencies = sorted(tally.latencies)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(
        f"load: {args.clients} clients for {args.seconds:.0f} s against `angiovoice serve` "
        f"(gunicorn, {os.environ.get('WEB_CONCURRENCY', '2')} workers), events in SQLite"
    )
    print(
        f"  turns {tally.turns}, {tally.turns / elapsed:,.0f} per second, "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {tally.errors}"
    )
    print(f"  events stored {stored}, turns served {tally.turns}, server exit code {code}")
    ok = tally.errors == 0 and stored == tally.turns and code == 0
    print("  OK" if ok else "  FAILED: errors, lost events or an unclean exit")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
