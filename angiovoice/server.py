"""Running the app: the development server on loopback, or gunicorn in production."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from angiovoice.settings import LOOPBACK, Settings

log = logging.getLogger(__name__)

DEV_BANNER = """
************************************************************************
*  DEVELOPMENT MODE: Alexa and Twilio request verification is OFF.    *
*  Listening on loopback only ({host}:{port}). Never expose this port.   *
************************************************************************
""".strip("\n")


def missing_secrets(settings: Settings) -> list[str]:
    """The settings production needs that are not set."""
    needed = {
        "ALEXA_SKILL_ID": settings.alexa_skill_id,
        "TWILIO_AUTH_TOKEN": settings.twilio_auth_token,
    }
    return [name for name, value in needed.items() if not value]


def serve(settings: Settings, host: str | None, port: int | None, dev: bool) -> int:
    port = port or settings.port
    if dev:
        if host and host not in (LOOPBACK, "localhost", "::1"):
            print(
                f"angiovoice: development mode binds to loopback only; ignoring --host {host}",
                file=sys.stderr,
            )
        settings = _replace(settings, dev=True, host=LOOPBACK, port=port)
        from angiovoice.app import create_app

        app = create_app(settings)
        print(DEV_BANNER.format(host=LOOPBACK, port=port), file=sys.stderr, flush=True)
        _print_try_it(port)
        app.run(host=LOOPBACK, port=port, threaded=True, use_reloader=False)
        return 0

    missing = missing_secrets(settings)
    if missing:
        print(
            f"angiovoice: refusing to start without {', '.join(missing)} "
            "(set them, or use --dev on your own machine)",
            file=sys.stderr,
        )
        return 2
    settings = _replace(settings, host=host or settings.host, port=port)
    return _gunicorn(settings)


def _replace(settings: Settings, **changes: Any) -> Settings:
    from dataclasses import replace

    return replace(settings, **changes)


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    """The production server's configuration (also used by the benchmarks)."""
    return {
        "bind": f"{settings.host}:{settings.port}",
        "workers": int(os.environ.get("WEB_CONCURRENCY", "2")),
        "worker_class": "gthread",
        "threads": int(os.environ.get("WEB_THREADS", "4")),
        "timeout": int(os.environ.get("WEB_TIMEOUT", "10")),
        "graceful_timeout": 10,
        "keepalive": 5,
    }


def _gunicorn(settings: Settings) -> int:
    from gunicorn.app.base import BaseApplication

    from angiovoice.app import create_app

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in gunicorn_options(settings).items():
                self.cfg.set(key, value)
            self.cfg.set("accesslog", "-")

        def load(self) -> Any:
            return create_app(settings)

    _App().run()
    return 0


def _print_try_it(port: int) -> None:
    base = f"http://{LOOPBACK}:{port}"
    print(
        f"""
Try it:
  console:  .venv/bin/angiovoice chat
  Alexa:    curl -s {base}/alexa -H 'Content-Type: application/json' \\
              -d @tests/fixtures/alexa/driving.json
  phone:    curl -s {base}/twilio/voice -d @tests/fixtures/twilio/incoming-call.form
            curl -s '{base}/twilio/gather?at=main&s=0' -d @tests/fixtures/twilio/speech-driving.form
  health:   curl -s {base}/healthz
""",
        file=sys.stderr,
        flush=True,
    )
