"""gunicorn's logger, without its access log.

The app writes one JSON access line per request (angiovoice.ops). gunicorn still builds the
data for its own access line on every request whenever a logging configuration is given (which
we give it, for JSON output), only for the line to be dropped; this logger says the access log
is off, so gunicorn skips that work. Its error log is unchanged.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger


class NoAccessLogger(Logger):  # type: ignore[misc]
    @property
    def access_log_enabled(self) -> bool:
        return False

    def access(self, resp: Any, req: Any, environ: Any, request_time: Any) -> None:
        return None
