"""The server the HTTP benchmarks drive: the real app plus bare views with fixed bodies,
served by `angiovoice.server.run_gunicorn`, the production server with its configuration
(workers, threads, JSON logs, multiprocess metrics; WEB_CONCURRENCY and WEB_THREADS apply).
Platform request verification is off and no turn events are kept. Not for any other use.

    /bare/alexa, /bare/twiml             a one-sentence answer (the benchmarks' baseline)
    /bare/alexa-page, /bare/twiml-page   the endpoint's own answer to the benchmark's request,
                                         captured once at start-up and served as it is: the
                                         same bytes on the wire, none of the work
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from channels import TARGETS
from flask import Flask, Response

from angiovoice.app import create_app
from angiovoice.server import run_gunicorn
from angiovoice.settings import Settings

ALEXA_BODY = (
    '{"version":"1.0","response":{"outputSpeech":{"type":"SSML","ssml":"<speak>Fixed.</speak>"},'
    '"shouldEndSession":false}}'
)
TWIML_BODY = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Fixed.</Say></Response>'


def bench_settings() -> Settings:
    configured = Settings.from_env()
    return replace(
        Settings(),
        dev=True,
        verify_signature=False,
        verify_timestamp=False,
        port=int(os.environ["ANGIOVOICE_BENCH_PORT"]),
        web_workers=configured.web_workers,
        web_threads=configured.web_threads,
    )


ROOT = Path(__file__).resolve().parents[1]
POST: dict[str, Any] = {"methods": ["POST"]}
# The page-sized bare views, each sending what its endpoint answers the benchmark's request.
PAGES = {t.page: (t.endpoint, t.body, t.content_type) for t in TARGETS.values()}


def bench_app(settings: Settings) -> Flask:
    app = create_app(settings)
    bodies: dict[str, tuple[str | bytes, str]] = {
        "/bare/alexa": (ALEXA_BODY, "application/json"),
        "/bare/twiml": (TWIML_BODY, "text/xml"),
    }
    for path in [*bodies, *PAGES]:  # every route first: Flask takes none after a request
        app.add_url_rule(path, path, _fixed(bodies, path), **POST)
    client = app.test_client()
    for path, (endpoint, body, content_type) in PAGES.items():
        answer = client.post(endpoint, data=(ROOT / body).read_bytes(), content_type=content_type)
        if answer.status_code != 200:
            raise RuntimeError(f"{endpoint} answered {answer.status_code}")
        bodies[path] = (answer.get_data(), answer.mimetype)
    return app


def _fixed(bodies: dict[str, tuple[str | bytes, str]], path: str) -> Callable[[], Response]:
    """A view that sends bodies[path] as it is."""

    def view() -> Response:
        body, mimetype = bodies[path]
        return Response(body, mimetype=mimetype)

    return view


if __name__ == "__main__":
    raise SystemExit(run_gunicorn(bench_settings(), bench_app))
