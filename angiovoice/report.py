"""`angiovoice report`: what was asked, how the emergency path was used, what went unanswered,
and how fast, from the turn events (see angiovoice.events), as plain text tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from angiovoice.events import Count, Report

_SINCE = re.compile(r"^\s*(\d{1,6})\s*([dhm])\s*$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
CHANNELS = ("alexa", "phone")
MAX_SINCE = timedelta(days=3650)


def parse_since(text: str) -> timedelta:
    """ "7d", "24h" or "30m" as a duration, at most MAX_SINCE; ValueError otherwise."""
    match = _SINCE.match(text.lower())
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"--since takes a number and d, h or m (7d, 24h, 30m); got {text!r}")
    period = timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    if period > MAX_SINCE:
        raise ValueError(f"--since goes back at most {MAX_SINCE.days}d (10 years); got {text!r}")
    return period


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """Left-aligned first column, right-aligned numbers."""
    cells = [[str(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in [list(headers), *cells]) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        first = row[0].ljust(widths[0])
        rest = (value.rjust(width) for value, width in zip(row[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return [line(list(headers)), *(line(row) for row in cells)]


def _by_channel(counts: Sequence[Count], first: str) -> list[str]:
    """One row per key, a column per channel and a total, most frequent first."""
    if not counts:
        return ["  (none)"]
    channels = sorted({*CHANNELS, *(c.channel for c in counts)})
    keys: dict[str, dict[str, int]] = {}
    for count in counts:
        keys.setdefault(count.key, {})[count.channel] = count.n
    ordered = sorted(keys.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    rows = [
        [key, *(per.get(channel, 0) for channel in channels), sum(per.values())]
        for key, per in ordered
    ]
    totals = [sum(per.get(channel, 0) for _, per in ordered) for channel in channels]
    rows.append(["total", *totals, sum(totals)])
    return ["  " + line for line in _table([first, *channels, "total"], rows)]


def format_report(report: Report, since_text: str, store: str, now: datetime) -> str:
    when = report.since.strftime("%Y-%m-%d %H:%M UTC")
    head = [
        f"AngioVoice turns since {when} (last {since_text}, to {now:%Y-%m-%d %H:%M} UTC)",
        f"store: {store}",
        "",
    ]
    if report.turns == 0:
        return "\n".join([*head, "No turns recorded in this period."]) + "\n"
    lines = [*head, f"{report.turns} turns", ""]
    lines += ["Questions by intent and channel (turns answered, refused requests left out)"]
    lines += _by_channel(report.by_intent, "intent")
    lines += ["", "Emergency path: red-flag instructions given, by red flag and channel"]
    lines += _by_channel(report.emergencies, "red flag")
    lines += ["", "Outcomes"]
    lines += _by_channel(report.outcomes, "outcome")
    lines += ["", "Top unanswered utterances (fallback turns; numbers masked as #)"]
    if report.unanswered:
        rows = [[text, n] for text, n in report.unanswered]
        table = _table(["utterance", "times"], rows)
        lines += ["  " + line for line in table]
    else:
        lines += ["  (none)"]
    lines += ["", "Latency, request start to reply rendered (ms)"]
    if report.latency:
        rows = [
            [lat.channel, lat.turns, f"{lat.p50:.1f}", f"{lat.p90:.1f}", f"{lat.p99:.1f}"]
            for lat in report.latency
        ]
        lines += ["  " + line for line in _table(["channel", "turns", "p50", "p90", "p99"], rows)]
    else:
        lines += ["  (none)"]
    return "\n".join(lines) + "\n"
