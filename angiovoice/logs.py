"""Structured logs: one JSON object per line on stdout, each carrying the request's id.

    {"time": "2026-11-26T05:12:09.412Z", "level": "INFO", "logger": "angiovoice.access",
     "message": "POST /twilio/gather 200", "request_id": "5f0c...", "pid": 4242, "method": "POST",
     "path": "/twilio/gather", "status": 200, "duration_ms": 3.1, "channel": "phone",
     "intent": "DrivingIntent", "emergency": false}

The request id comes from a sane ``X-Request-Id`` header (at most 64 of A-Z, a-z, 0-9 and
``-``), or is a fresh uuid4; it is echoed in the response's ``X-Request-Id`` and lives in a
context variable for the length of the request, where `RequestIdFilter` reads it.

Nothing personal belongs in a log line, and the code logs none (no caller numbers, no Alexa
user or device ids, no utterance text). `redact` is only the safety net behind that rule: every
message, exception text and string field is passed through it, masking phone-number-like runs
and Alexa account, person and device ids.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from typing import IO, Any

REQUEST_ID_HEADER = "X-Request-Id"
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
_request_id: ContextVar[str | None] = ContextVar("angiovoice_request_id", default=None)

# "+" then 7 or more digits (spaces, dots, dashes and brackets allowed between them), or a bare
# run of 7 or more digits that is not part of a longer word (a CallSid's hex, a request id).
_PHONE = re.compile(r"\+\d(?:[ ().-]{0,2}\d){6,}|(?<![A-Za-z0-9])\d{7,}(?![A-Za-z0-9])")
_ALEXA_ID = re.compile(r"amzn1\.ask\.(account|person|device)\.[A-Za-z0-9._-]+")
PHONE_MASK = "<phone>"

# What every LogRecord has; anything else on a record came from `extra=` and is logged too.
_STANDARD = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys()
    | {"message", "asctime", "request_id", "taskName"}
)


def redact(text: str) -> str:
    """Mask phone-number-like runs and Alexa user, person and device ids."""
    if not text:
        return text
    text = _PHONE.sub(PHONE_MASK, text)
    return _ALEXA_ID.sub(lambda found: f"amzn1.ask.{found.group(1)}.<redacted>", text)


def sane_request_id(value: str | None) -> str | None:
    """The header's value if it is a usable request id, else None."""
    if value is not None and _SANE_REQUEST_ID.match(value):
        return value
    return None


def new_request_id(header: str | None = None) -> str:
    """The id for a request: the caller's, if sane, else a fresh one."""
    return sane_request_id(header) or uuid.uuid4().hex


def bind_request_id(request_id: str) -> Token[str | None]:
    """Make ``request_id`` current; pass the token to `unbind_request_id` when done."""
    return _request_id.set(request_id)


def unbind_request_id(token: Token[str | None]) -> None:
    _request_id.reset(token)


def current_request_id() -> str | None:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Puts the current request id (or None) on every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request_id, extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", None) or _request_id.get()
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "request_id": request_id,
            "pid": record.process,  # which gunicorn worker
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = _field(value)
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        elif record.exc_text:
            entry["exc"] = redact(record.exc_text)
        if record.stack_info:
            entry["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False, default=lambda value: redact(str(value)))


def _field(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact(str(value))


# Loggers that would otherwise write their own, unstructured request lines.
_QUIET = {
    "werkzeug": "WARNING",  # the dev server's access line, with the query string
    "gunicorn.access": "WARNING",  # off: angiovoice.access writes one line per request
}


def dict_config(level: str = "INFO") -> dict[str, Any]:
    """A `logging.config.dictConfig` for the whole process: JSON on stdout.

    gunicorn takes it as ``logconfig_dict`` (merged over its defaults, whose root logger,
    handlers and formatters it replaces), so its own messages are JSON lines too.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"level": level, "handlers": ["stdout"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
            **{
                name: {"level": quiet, "handlers": [], "propagate": True}
                for name, quiet in _QUIET.items()
            },
        },
    }


def json_handler(stream: IO[str] | None = None) -> logging.Handler:
    """A handler writing JSON lines to ``stream`` (stdout by default)."""
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    return handler


def configure(level: str | int = "INFO") -> None:
    """JSON logging on stdout for this process (the development server; gunicorn uses
    `dict_config` through its own configuration)."""
    from logging.config import dictConfig

    name = level if isinstance(level, str) else logging.getLevelName(level)
    dictConfig(dict_config(name))
