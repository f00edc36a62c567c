"""Each channel endpoint against a bare Flask view with a fixed body, under the same server, in
the same run (issues 3 and 4).

    .venv/bin/python benchmarks/channels.py [alexa|phone ...] [--seconds 3] [--rounds 9]

alexa: POST /alexa with an IntentRequest (DrivingIntent). Target: at least half the bare
       view's throughput, p99 under 25 ms.
phone: POST /twilio/gather with a speech turn ("When can I drive?"). Target: at least 0.7 of
       the bare view's throughput, p99 under 25 ms.

Needs wrk (apt-get install wrk). Both at 16 concurrent clients (--clients) on this 2-core
machine, which serves and loads at once. The endpoint and the bare view alternate for --rounds
rounds of --seconds each and the medians are reported, with the spread of the per-round ratios.
The target's bare view sends a one-sentence page. A second one, measured in the same rounds,
sends the endpoint's own answer (captured at start-up): the ratio against it leaves out what
the answer's size costs the server and the client (the phone's is about 4 KB, 3 KB of it the
speech hints), and shows what the endpoint's own work costs.
Platform request verification is off (development settings): it needs Amazon's or Twilio's
signature; its cost is one RSA or HMAC-SHA1 check per request. The phone turn repeats one
utterance, so after the first round its answer page comes from the page cache (ivr.twiml), as
the pages of a real line mostly do; the understanding runs on every request.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_bench import ROOT, compare, report


@dataclass(frozen=True)
class Target:
    title: str
    endpoint: str
    body: str
    content_type: str
    bare: str
    min_ratio: float

    @property
    def page(self) -> str:
        """The bare view that sends this endpoint's own answer (benchmarks/bench_server.py)."""
        return f"{self.bare}-page"


TARGETS = {
    "alexa": Target(
        "POST /alexa (IntentRequest: DrivingIntent)",
        "/alexa",
        "tests/fixtures/alexa/driving.json",
        "application/json",
        "/bare/alexa",
        0.5,
    ),
    "phone": Target(
        "POST /twilio/gather (speech: when can I drive?)",
        "/twilio/gather?at=main&s=0",
        "tests/fixtures/twilio/speech-driving.form",
        "application/x-www-form-urlencoded",
        "/bare/twiml",
        0.7,
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "channels", nargs="*", metavar="CHANNEL", help="alexa, phone (default: both)"
    )
    parser.add_argument("--seconds", type=int, default=3, help="per round (default 3)")
    parser.add_argument("--rounds", type=int, default=9, help="of each target (default 9)")
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    unknown = set(args.channels) - set(TARGETS)
    if unknown:
        parser.error(f"unknown channel(s) {sorted(unknown)}; choose from {sorted(TARGETS)}")
    for name in args.channels or TARGETS:
        target = TARGETS[name]
        ours, bare, page = compare(
            [target.endpoint, target.bare, target.page],
            (ROOT / target.body).read_bytes(),
            target.content_type,
            seconds=args.seconds,
            clients=args.clients,
            rounds=args.rounds,
        )
        print(report(target.title, ours, bare, page, args.clients, target.min_ratio), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
