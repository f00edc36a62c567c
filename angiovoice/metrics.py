"""Prometheus metrics, exposed at ``GET /metrics``.

    angiovoice_requests_total{channel,intent,status}   every HTTP request
    angiovoice_emergency_total{channel,intent}          turns answered with an emergency path
    angiovoice_request_seconds{channel}                 latency histogram (1 ms to 2.5 s)
    angiovoice_event_store_failures_total               the event recorder's store failures
    angiovoice_events_dropped_total                     events the recorder dropped

``channel`` is ``alexa``, ``phone`` or ``other`` (health, metrics, anything else); ``intent``
is the intent of the request's turn event (`angiovoice.observe.finished`), or ``none``:
the intent of the router's reply (a red flag's intent on the emergency path), a phone page that
is not a reply (``phone.menu``, ``phone.silence``...), or the type of an Alexa request without
speech; ``status`` is the HTTP status code.

The two event counters follow the recorder's ``stats()``: after every request, and on every
scrape, the growth since the last look is added. Under gunicorn each worker writes its own
values to files in ``PROMETHEUS_MULTIPROC_DIR`` (`angiovoice.server` makes a fresh one before
the workers fork) and a scrape adds up every worker's, the dead ones' included. Without that
variable (the development server, tests) each app has its own registry.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping
from typing import Protocol

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    values,
)
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CHANNELS = frozenset({"alexa", "phone"})
OTHER = "other"
NONE = "none"
# Answers take a few milliseconds; the tail is for a slow certificate fetch or an overload.
LATENCY_BUCKETS = (
    0.001,
    0.0025,
    0.005,
    0.0075,
    0.01,
    0.015,
    0.025,
    0.05,
    0.075,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
)
_LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9._#:-]{0,63}$")

# No *_created series: multiprocess mode cannot give them, so neither mode does.
disable_created_metrics()  # type: ignore[no-untyped-call]

# Each event counter, and the key of the recorder's stats() it follows (angiovoice.events).
EVENT_STATS: Mapping[str, str] = {"store_failures": "failed", "dropped": "dropped"}


class EventStats(Protocol):
    """What the metrics need of the event recorder."""

    def stats(self) -> Mapping[str, int]: ...


def label(value: str | None) -> str:
    """A label value from a bounded vocabulary: an intent name, else ``none``/``other``."""
    if not value:
        return NONE
    return value if _LABEL.match(value) else OTHER


def channel_label(blueprint: str | None) -> str:
    return blueprint if blueprint in CHANNELS else OTHER


def multiprocess_dir() -> str | None:
    """The shared directory, when this process writes its values there.

    Both must hold: the variable names a directory, and prometheus_client saw it when it was
    imported (it chooses how values are stored then, once).
    """
    path = os.environ.get(MULTIPROC_ENV)
    chosen = bool(getattr(values.ValueClass, "_multiprocess", False))
    return path if path and chosen and os.path.isdir(path) else None


class Metrics:
    """The app's metrics. One per app; under gunicorn one app per worker."""

    def __init__(self) -> None:
        self.multiprocess_dir = multiprocess_dir()
        # In multiprocess mode nothing is registered here: a scrape reads the files instead.
        self.registry: CollectorRegistry | None = (
            None if self.multiprocess_dir else CollectorRegistry(auto_describe=True)
        )
        registry = self.registry
        self.requests = Counter(
            "angiovoice_requests",
            "HTTP requests, by channel, intent of the answer, and status code.",
            ["channel", "intent", "status"],
            registry=registry,
        )
        self.emergency = Counter(
            "angiovoice_emergency",
            "Turns answered with an emergency instruction, by channel and red flag.",
            ["channel", "intent"],
            registry=registry,
        )
        self.latency = Histogram(
            "angiovoice_request_seconds",
            "Time to answer a request, in seconds, by channel.",
            ["channel"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.events = {
            "store_failures": Counter(
                "angiovoice_event_store_failures",
                "Events the event store failed to write.",
                registry=registry,
            ),
            "dropped": Counter(
                "angiovoice_events_dropped",
                "Events dropped before reaching the store (queue full, store down).",
                registry=registry,
            ),
        }
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()

    def count(
        self, channel: str, intent: str, status: int, seconds: float, emergency: bool
    ) -> None:
        self.requests.labels(channel, intent, str(status)).inc()
        self.latency.labels(channel).observe(seconds)
        if emergency:
            self.emergency.labels(channel, intent).inc()

    def follow(self, recorder: EventStats | None) -> None:
        """Add the recorder's counts that grew since the last look. Never raises."""
        if recorder is None:
            return
        try:
            stats = recorder.stats()
        except Exception:
            return
        with self._lock:
            for name, key in EVENT_STATS.items():
                value = stats.get(key)
                if not isinstance(value, int):
                    continue
                seen = self._seen.get(name, 0)
                self._seen[name] = value
                # A smaller value is a recorder that started again from zero.
                grown = value - seen if value >= seen else value
                if grown > 0:
                    self.events[name].inc(grown)

    def exposition(self, accept: str | None) -> tuple[bytes, str]:
        """The scrape's body and content type (the text format unless OpenMetrics is asked)."""
        encoder, content_type = choose_encoder(accept or "")
        registry = self.registry
        if registry is None:
            registry = CollectorRegistry()
            MultiProcessCollector(registry, path=self.multiprocess_dir)  # type: ignore[no-untyped-call]
        return encoder(registry), content_type
