"""The server the HTTP benchmarks drive: the real app plus two bare views with fixed bodies,
served by `angiovoice.server.run_gunicorn`, the production server with its configuration
(workers, threads, JSON logs, multiprocess metrics; WEB_CONCURRENCY and WEB_THREADS apply).
Platform request verification is off and no turn events are kept. Not for any other use."""

from __future__ import annotations

import os
from dataclasses import replace

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


def bench_app(settings: Settings) -> Flask:
    app = create_app(settings)

    @app.post("/bare/alexa")
    def bare_alexa() -> Response:
        return Response(ALEXA_BODY, mimetype="application/json")

    @app.post("/bare/twiml")
    def bare_twiml() -> Response:
        return Response(TWIML_BODY, mimetype="text/xml")

    return app


if __name__ == "__main__":
    raise SystemExit(run_gunicorn(bench_settings(), bench_app))
