"""One event per channel turn, noted while the turn is answered and recorded when its response
is ready.

    /alexa                                    channel "alexa"
    /twilio/voice, /twilio/gather, /twilio/dial   channel "phone"

`attach` hooks a channel blueprint: before each of its turn endpoints a `Seen` is opened (start
time) in a context variable; the code that answers notes what it learns in it, without knowing
about Flask or the store:

- the web view, once the request is verified: the raw caller id (Twilio ``From``, Alexa
  ``userId``), the locale, and for Alexa the request type;
- the channel adapter, for each router reply it renders (`note_reply`): intent, emergency,
  fallback, error, and the turn's text;
- the phone line, for pages that are not a router reply: ``phone.menu``, ``phone.silence``,
  ``phone.care-team``, ``phone.care-team-result``;
- any last-resort path: `note_error`.

After the response is built, the hook turns the `Seen` into an `Event` (hashing the caller and
masking the text of fallback turns: the raw values never leave the request) and hands it to
the app's `EventRecorder`, which never blocks. Requests refused with 4xx (bad signature,
malformed body) are recorded as "rejected" with no caller, intent or text; a 5xx (which the
views never send on purpose) as "error". /twilio/fallback and
/twilio/status are not turns and are not recorded.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Collection
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from intents import catalog as ic
from intents.model import Reply, Turn

if TYPE_CHECKING:
    from flask import Blueprint

    from angiovoice.events import Event, EventRecorder

# angiovoice.events (sqlite3, hashing) is imported only where an event is made: the skill on
# AWS Lambda notes its turns here but records none, and should not pay for it at cold start.

log = logging.getLogger(__name__)

ERROR_INTENT = "Error"  # the intent of Router.error's reply
OTHER = "other"  # an intent or request type too odd to keep as it came
_G_KEY = "angiovoice_seen"
_EVENT_KEY = "angiovoice_event"
# A request type or locale comes from the request: only sane, short values are kept.
_INTENT = re.compile(r"^[A-Za-z][A-Za-z0-9._#-]{0,63}$")
_LOCALE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$")


@dataclass
class Seen:
    """What is known about the turn being answered. Raw values live only for the request."""

    channel: str
    at: datetime
    started: float
    locale: str | None = None
    caller_id: str | None = None
    intent: str | None = None
    spoke: bool = False
    emergency: bool = False
    fallback: bool = False
    error: bool = False
    text: str | None = None

    def outcome(self, status: int) -> str:
        if 400 <= status < 500:
            return "rejected"
        if self.error or status >= 500:
            return "error"
        if self.emergency:
            return "emergency"
        if self.fallback:
            return "fallback"
        return "answered" if self.spoke else "silent"

    def event(self, status: int, recorder: EventRecorder) -> Event:
        from angiovoice.events import Event, mask_utterance

        outcome = self.outcome(status)
        rejected = outcome == "rejected"
        text = mask_utterance(self.text) if outcome == "fallback" and self.text else None
        locale = self.locale if self.locale and _LOCALE.match(self.locale) else None
        intent = self.intent if not self.intent or _INTENT.match(self.intent) else OTHER
        return Event(
            at=self.at,
            channel=self.channel,
            locale=None if rejected else locale,
            intent=None if rejected else intent,
            emergency=self.emergency and not rejected,
            latency_ms=round((time.perf_counter() - self.started) * 1000, 3),
            outcome=outcome,
            caller=None if rejected else recorder.caller_hash(self.caller_id),
            utterance=text or None,
        )


_current: ContextVar[Seen | None] = ContextVar("angiovoice_seen", default=None)


def note_reply(turn: Turn, reply: Reply) -> None:
    """A router reply is being rendered for the turn (the last one noted wins)."""
    seen = _current.get()
    if seen is None:
        return
    seen.locale = turn.locale
    seen.intent = reply.intent
    seen.spoke = True
    seen.emergency = reply.emergency
    seen.fallback = reply.intent == ic.FALLBACK
    seen.error = reply.intent == ERROR_INTENT
    seen.text = turn.text


def note(
    *,
    caller_id: str | None = None,
    locale: str | None = None,
    intent: str | None = None,
    spoke: bool | None = None,
) -> None:
    """Set what the caller knows; arguments left as None change nothing."""
    seen = _current.get()
    if seen is None:
        return
    if caller_id is not None:
        seen.caller_id = caller_id
    if locale is not None:
        seen.locale = locale
    if intent is not None:
        seen.intent = intent
    if spoke is not None:
        seen.spoke = spoke


def note_error() -> None:
    """The turn was answered by an apology or a last resort."""
    seen = _current.get()
    if seen is not None:
        seen.error = True
        seen.spoke = True
        seen.intent = ERROR_INTENT


def attach(blueprint: Blueprint, channel: str, endpoints: Collection[str]) -> None:
    """Record one event per request to ``endpoints`` (e.g. "phone.gather") of ``blueprint``.

    Call before registering the blueprint's own before_request hooks, so a request they refuse
    is recorded too (as "rejected").
    """
    from flask import Response, current_app, g, request

    from angiovoice.events import EXTENSION, EventRecorder

    @blueprint.before_request
    def _open_turn() -> None:
        if request.endpoint not in endpoints:
            return
        recorder = current_app.extensions.get(EXTENSION)
        if not isinstance(recorder, EventRecorder):
            return
        seen = Seen(channel, datetime.now(UTC), time.perf_counter())
        _current.set(seen)
        setattr(g, _G_KEY, (seen, recorder))

    @blueprint.after_request
    def _close_turn(response: Response) -> Response:
        _finish(response.status_code)
        return response

    @blueprint.teardown_request
    def _drop_turn(exc: BaseException | None) -> None:
        _finish(500)  # only if the response was never made (an exception escaped)
        _current.set(None)

    def _finish(status: int) -> None:
        opened = g.pop(_G_KEY, None)
        if opened is None:
            return
        seen, recorder = opened
        try:
            event = seen.event(status, recorder)
            recorder.record(event)
            setattr(g, _EVENT_KEY, event)  # for the request's metrics and access line
        except Exception:  # an event must never cost an answer
            log.exception("could not record the turn's event")


def finished() -> Event | None:
    """The event recorded for the current request, once its response is made: what the
    metrics and the access line say about the turn. None outside a turn endpoint."""
    from flask import g, has_request_context

    from angiovoice.events import Event

    value = g.get(_EVENT_KEY) if has_request_context() else None
    return value if isinstance(value, Event) else None
