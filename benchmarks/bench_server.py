"""The app the HTTP benchmarks drive: the real app plus two bare views with fixed bodies,
served by gunicorn with the production configuration. Not for any other use."""

from __future__ import annotations

import os
from typing import Any

from flask import Response
from gunicorn.app.base import BaseApplication

from angiovoice.app import create_app
from angiovoice.server import gunicorn_options
from angiovoice.settings import Settings

ALEXA_BODY = (
    '{"version":"1.0","response":{"outputSpeech":{"type":"SSML","ssml":"<speak>Fixed.</speak>"},'
    '"shouldEndSession":false}}'
)
TWIML_BODY = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Fixed.</Say></Response>'


def bench_app() -> Any:
    settings = Settings(
        dev=True,
        verify_signature=False,
        verify_timestamp=False,
        port=int(os.environ["ANGIOVOICE_BENCH_PORT"]),
    )
    app = create_app(settings)

    @app.post("/bare/alexa")
    def bare_alexa() -> Response:
        return Response(ALEXA_BODY, mimetype="application/json")

    @app.post("/bare/twiml")
    def bare_twiml() -> Response:
        return Response(TWIML_BODY, mimetype="text/xml")

    return app, settings


class _Server(BaseApplication):  # type: ignore[misc]
    def load_config(self) -> None:
        self.app, settings = bench_app()
        for key, value in gunicorn_options(settings).items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.app


if __name__ == "__main__":
    _Server().run()
