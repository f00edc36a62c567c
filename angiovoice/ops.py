"""What operations needs of the web app: a request id, one access line and the metrics for
every request, and the ``/readyz`` and ``/metrics`` endpoints (``/healthz`` is in the app).

``/healthz`` is liveness: the process answers. ``/readyz`` is readiness, for a load balancer:

- 200 ``{"status": "ready", "catalog": VERSION, "events": "ok"}``: the catalog is loaded and
  the event store answers;
- 200 ``{"status": "degraded", ..., "events": "degraded"}``: the event store is down. Answers
  still flow (the recorder drops what it cannot write, and losing events is acceptable), so the
  instance stays in the pool: taking every instance out because a shared store is down would
  silence the phone line and the skill, emergency advice included;
- 503 ``{"status": "unready", ...}``: no catalog, so nothing useful can be said.

``"events": "off"`` means no event store is configured (no recorder, or one that keeps
nothing): there is nothing to be down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, request
from flask.typing import ResponseReturnValue

from angiovoice import logs, observe
from angiovoice.events import EXTENSION as EVENTS_EXTENSION
from angiovoice.events import NullStore
from angiovoice.metrics import NONE, Metrics, channel_label, label

log = logging.getLogger("angiovoice.access")

METRICS_EXTENSION = "angiovoice_metrics"
_MAX_PATH = 200


def init_app(app: Flask) -> Metrics:
    """Install the per-request hooks and the two endpoints on ``app``."""
    metrics = Metrics()
    app.extensions[METRICS_EXTENSION] = metrics

    @app.before_request
    def start_request() -> None:
        g.angiovoice_started = time.perf_counter()
        request_id = logs.new_request_id(request.headers.get(logs.REQUEST_ID_HEADER))
        g.request_id = request_id
        g.angiovoice_request_token = logs.bind_request_id(request_id)

    @app.after_request
    def finish_request(response: Response) -> Response:
        request_id = g.get("request_id")
        if request_id:
            response.headers[logs.REQUEST_ID_HEADER] = request_id
        started = g.get("angiovoice_started")
        seconds = time.perf_counter() - started if started is not None else 0.0
        turn = observe.finished()
        channel = channel_label(request.blueprint)
        intent = label(turn.intent) if turn else NONE
        emergency = bool(turn and turn.emergency)
        try:
            metrics.count(channel, intent, response.status_code, seconds, emergency)
            metrics.follow(_recorder())
        except Exception:  # a metric must never cost an answer
            logging.getLogger(__name__).exception("could not count the request")
        log.info(
            "%s %s %d",
            request.method,
            request.path[:_MAX_PATH],
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path[:_MAX_PATH],  # never the query string
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 2),
                "channel": channel,
                "intent": intent,
                "emergency": emergency,
            },
        )
        return response

    @app.teardown_request
    def end_request(_: BaseException | None) -> None:
        token = g.pop("angiovoice_request_token", None)
        if token is not None:
            logs.unbind_request_id(token)

    @app.get("/readyz")
    def readyz() -> ResponseReturnValue:
        body, status = readiness(current_app.extensions.get("angiovoice"), _recorder())
        return jsonify(body), status

    @app.get("/metrics")
    def prometheus() -> ResponseReturnValue:
        metrics.follow(_recorder())
        data, content_type = metrics.exposition(request.headers.get("Accept"))
        return Response(data, status=200, content_type=content_type)

    return metrics


def _recorder() -> Any:
    return current_app.extensions.get(EVENTS_EXTENSION)


def readiness(assistant: Any, recorder: Any) -> tuple[Mapping[str, Any], int]:
    """The body and status of ``/readyz``."""
    catalog = getattr(assistant, "catalog", None)
    version = getattr(catalog, "version", None)
    events = events_state(recorder)
    if not version:
        return {"status": "unready", "catalog": None, "events": events}, 503
    status = "degraded" if events == "degraded" else "ready"
    return {"status": status, "catalog": version, "events": events}, 200


def events_state(recorder: object) -> str:
    """``ok``, ``degraded`` (the store does not answer, or its check failed) or ``off``.

    Asks the recorder's ``health()`` (or its store's); a check that raises counts as down.
    """
    if recorder is None or isinstance(getattr(recorder, "store", None), NullStore):
        return "off"
    check = getattr(recorder, "health", None)
    if not callable(check):
        check = getattr(getattr(recorder, "store", None), "health", None)
    if not callable(check):
        return "ok"
    try:
        healthy = bool(check())
    except Exception:
        logging.getLogger(__name__).warning("event store health check failed", exc_info=True)
        healthy = False
    return "ok" if healthy else "degraded"
