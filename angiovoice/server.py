"""Running the app: the development server on loopback, or gunicorn in production."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from typing import Any

from angiovoice import logs
from angiovoice.settings import LOOPBACK, Settings

log = logging.getLogger(__name__)

METRICS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"

DEV_BANNER = """
!! DEVELOPMENT MODE: Alexa and Twilio request verification is OFF.
!! Listening on loopback only ({host}:{port}). Never expose this port.
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
        logs.configure(_log_level(settings))
        from angiovoice.app import create_app

        app = create_app(settings)
        # SIGTERM ends the server like Ctrl-C does, so atexit flushes the turn events.
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
        from werkzeug.serving import make_server

        # Not app.run(): it prints Flask's banner on stdout, where only JSON lines go. The
        # socket is bound before the banner, so "Try it" is never printed for a port we cannot
        # have: werkzeug itself says a busy port is in use and exits 1; other refusals (a
        # privileged port) are said here.
        try:
            server = make_server(LOOPBACK, port, app, threaded=True)
        except OSError as exc:
            print(
                f"angiovoice: cannot listen on {LOOPBACK}:{port} ({exc.strerror or exc}); "
                "choose another port with PORT=...",
                file=sys.stderr,
            )
            return 2
        print(DEV_BANNER.format(host=LOOPBACK, port=port), file=sys.stderr, flush=True)
        _print_try_it(port)
        try:
            server.serve_forever()
        finally:
            server.server_close()
        return 0

    missing = missing_secrets(settings)
    if missing:
        print(
            f"angiovoice: refusing to start without {', '.join(missing)} "
            "(set them, or use --dev on your own machine)",
            file=sys.stderr,
        )
        return 2
    settings = _replace(
        settings, host=host or settings.host, port=port, log_level=_log_level(settings)
    )
    return run_gunicorn(settings)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _replace(settings: Settings, **changes: Any) -> Settings:
    from dataclasses import replace

    return replace(settings, **changes)


def _log_level(settings: Settings) -> str:
    """ANGIOVOICE_LOG_LEVEL, or DEBUG when `angiovoice -v` asked for more."""
    return "DEBUG" if logging.getLogger().isEnabledFor(logging.DEBUG) else settings.log_level


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    """The production server's configuration (also used by the benchmarks).

    Synchronous workers, one request at a time each: every request is CPU work in Python, so
    threads in a worker would only queue for the interpreter lock, and a connection that stays
    with one worker (keep-alive) waits behind that worker's queue while the other is free. Each
    request is a new connection that the first free worker accepts. Sync workers expect a proxy
    in front that buffers requests, which an HTTPS endpoint has anyway. With WEB_THREADS above
    1, gunicorn uses threaded workers (gthread) instead, with keep-alive.

    SIGHUP reloads gracefully (new workers start, old ones finish their requests within
    ``graceful_timeout``); SIGTERM stops the same way. Logs are JSON lines on stdout and
    gunicorn's own access log is off: the app writes one line per request, with its id.
    """
    max_requests = settings.web_max_requests
    return {
        "bind": f"{settings.host}:{settings.port}",
        "workers": settings.web_workers,
        "worker_class": "sync",
        "threads": settings.web_threads,
        "timeout": settings.web_timeout,
        "graceful_timeout": settings.web_graceful_timeout,
        "keepalive": 5,
        "max_requests": max_requests,
        "max_requests_jitter": max_requests // 10,
        "accesslog": None,
        "logger_class": "angiovoice.gunicorn_logger.NoAccessLogger",
        "logconfig_dict": logs.dict_config(settings.log_level),
        "post_worker_init": _post_worker_init,
        "child_exit": _child_exit,
        # Each worker writes its queued turn events before it goes (see angiovoice.events).
        "worker_exit": _worker_exit,
        "on_exit": _on_exit,
        # No gunicornc socket: it would sit at one path in $HOME shared by every instance.
        "control_socket_disable": True,
    }


def _post_worker_init(worker: Any) -> None:
    """In the worker, once the app is loaded: what it loaded stays for the worker's life, so the
    garbage collector stops scanning it (a full collection over the catalog, the matcher and the
    SDK's models would otherwise pause every request in the worker for tens of milliseconds)."""
    gc.freeze()


def _child_exit(server: Any, worker: Any) -> None:
    """A worker is gone: let the metrics forget its live gauges (its counts stay)."""
    path = os.environ.get(METRICS_DIR_ENV)
    if path and os.path.isdir(path):
        from prometheus_client.multiprocess import mark_process_dead

        mark_process_dead(worker.pid, path)  # type: ignore[no-untyped-call]


def _worker_exit(server: Any, worker: Any) -> None:
    """In the worker, after its last request: flush and close its event recorder."""
    from angiovoice.events import close_all

    close_all()


def _on_exit(server: Any) -> None:
    """In the master, last: a recorder built there (an app loaded before the fork) is closed."""
    from angiovoice.events import close_all

    close_all()


def run_gunicorn(settings: Settings, make_app: Callable[[Settings], Any] | None = None) -> int:
    """Serve ``make_app(settings)`` (the app by default) with gunicorn and `gunicorn_options`.

    The benchmarks pass their own factory, so they measure exactly this server.
    """
    # Every worker writes its metrics to files here and /metrics adds them up. The variable
    # must be set before prometheus_client is first imported (by the app, below), and the
    # directory must be new: files left by an earlier run would be counted again.
    metrics_dir = tempfile.mkdtemp(prefix="angiovoice-metrics-")
    os.environ[METRICS_DIR_ENV] = metrics_dir

    from gunicorn.app.base import BaseApplication

    factory: Callable[[Settings], Any]
    if make_app is not None:
        factory = make_app
    else:
        from angiovoice.app import create_app

        factory = create_app

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in gunicorn_options(settings).items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return factory(settings)

    master = os.getpid()
    try:
        _App().run()
    finally:
        # A worker leaves through here too (SystemExit unwinds the frames it was forked in):
        # only the master, last to go, may remove the directory.
        if os.getpid() == master:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


def _print_try_it(port: int) -> None:
    base = f"http://{LOOPBACK}:{port}"
    print(
        f"""
Try it:
  console:  .venv/bin/angiovoice ask "when can I drive after my stent?"
            .venv/bin/angiovoice chat --locale en-GB
  Alexa:    curl -s {base}/alexa -H 'Content-Type: application/json' \\
              -d @tests/fixtures/alexa/driving.json
  phone:    curl -s {base}/twilio/voice -d @tests/fixtures/twilio/incoming-call.form
            curl -s '{base}/twilio/gather?at=main&s=0' -d @tests/fixtures/twilio/speech-driving.form
  health:   curl -s {base}/healthz; curl -s {base}/readyz; curl -s {base}/metrics
""",
        file=sys.stderr,
        flush=True,
    )
