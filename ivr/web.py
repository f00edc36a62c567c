"""The phone endpoints: a Flask blueprint under /twilio/ for a Twilio number's webhooks.

    POST /twilio/voice     the number's voice webhook: answers a new call
    POST /twilio/gather    every Gather's action: a key, speech or a silence
    POST /twilio/dial      the care-team <Dial>'s action: answered or not
    POST /twilio/fallback  the number's Fallback URL: static TwiML, no catalog
    POST /twilio/status    the number's status callback: logged

Every request must carry a valid X-Twilio-Signature (403 otherwise; development mode lets
loopback requests through). Past that check Twilio always gets valid TwiML: a malformed field,
a tampered query string or an exception gives an apology, the short emergency advice and the
main menu, because a 4xx/5xx would make the caller hear a platform error.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Request, Response, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from angiovoice import observe
from angiovoice.assistant import Assistant
from angiovoice.settings import Settings
from ivr.call import CHANNEL, Key, PhoneLine, Silence, Speech
from ivr.security import SignatureCheck
from ivr.state import CallState, StateError
from ivr.twiml import TwiML

log = logging.getLogger(__name__)

PREFIX = "/twilio"
MAX_SPEECH_CHARS = 2000  # far more than a minute of speech; anything longer is not Twilio's
_MAX_FIELD = 256
_SID = re.compile(r"^[A-Za-z0-9]{2,64}$")
_DIGITS = re.compile(r"^[0-9*#]{1,16}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_WORD = re.compile(r"^[A-Za-z0-9._:/ -]{0,256}$")
_XML = "text/xml"


class FieldError(ValueError):
    """A form field Twilio would never send."""


@dataclass(frozen=True)
class Fields:
    """The form fields this line reads, checked. Never indexed with []: Twilio may omit any."""

    call_sid: str
    digits: str | None
    speech: str | None
    dial_status: str

    @classmethod
    def read(cls, form: MultiDict[str, str]) -> Fields:
        def one(name: str, limit: int = _MAX_FIELD) -> str | None:
            values = form.getlist(name)
            if len(values) > 1:
                raise FieldError(f"{name} is repeated")
            value = values[0].strip() if values else ""
            if len(value) > limit:
                raise FieldError(f"{name} is too long")
            return value or None

        call_sid = one("CallSid")
        if call_sid is None or not _SID.match(call_sid):
            raise FieldError("CallSid is missing or malformed")
        digits = one("Digits")
        if digits is not None and not _DIGITS.match(digits):
            raise FieldError("Digits is not keypad keys")
        speech = one("SpeechResult", MAX_SPEECH_CHARS)
        status = (one("DialCallStatus") or "").lower()
        return cls(call_sid, digits, speech, status)

    def heard(self) -> Key | Speech | Silence:
        # Speech first: the emergency detector must see every SpeechResult.
        if self.speech:
            return Speech(self.speech, self.digits)
        if self.digits:
            return Key(self.digits)
        return Silence()


def called_country(form: MultiDict[str, str]) -> str | None:
    """The called number's country (Twilio's ToCountry, "GB"), or None when it is missing or
    not a country code. Never an error: the locale of the apology itself may depend on it."""
    value = (form.get("ToCountry") or "").strip().upper()
    return value if _COUNTRY.match(value) else None


class FlaskUrls:
    """Action URLs: absolute from PUBLIC_BASE_URL when set, else relative to this request."""

    def __init__(self, public_base_url: str | None, script_root: str) -> None:
        self.base = public_base_url.rstrip("/") if public_base_url else script_root

    def gather(self, state: CallState) -> str:
        return self._url("gather", state)

    def dial(self, state: CallState) -> str:
        return self._url("dial", state)

    def _url(self, route: str, state: CallState) -> str:
        return f"{self.base}{PREFIX}/{route}?{state.query_string()}"


def _twiml(page: TwiML) -> Response:
    return Response(page, status=200, mimetype=_XML)


def _form(req: Request) -> MultiDict[str, str]:
    """Twilio's fields: the form for POST, the query string for a GET webhook."""
    return req.form if req.method == "POST" else req.args


def _logged(value: str | None) -> str:
    """A field value safe to put in a log line."""
    return value if value is not None and _WORD.match(value) else "?"


def create_blueprint(settings: Settings, assistant: Assistant) -> Blueprint:
    line = PhoneLine(assistant, settings)  # checks the menus and their prompts: fails fast
    check = SignatureCheck(settings)
    blueprint = Blueprint("phone", __name__, url_prefix=PREFIX)
    methods = ["GET", "POST"]

    def last_resort(locale: str) -> Response:
        """Static TwiML that needs neither the catalog nor the router at request time."""
        return _twiml(line.last_resort(locale))

    def answer(build: Callable[[Fields, str, FlaskUrls], TwiML]) -> Response:
        locale = line.locale
        urls = FlaskUrls(settings.public_base_url, request.script_root)
        try:
            form = _form(request)
            locale = line.locale_for(called_country(form))  # before any field can be refused
            fields = Fields.read(form)
            # For the turn's event; the number is hashed before it is stored, and never logged.
            observe.note(caller_id=form.get("From"), locale=locale, spoke=True)
            return _twiml(build(fields, locale, urls))
        except (FieldError, StateError, RequestEntityTooLarge) as exc:  # not one Twilio sends
            log.warning("%s %s: %s; answering with the apology", request.method, request.path, exc)
        except Exception:
            log.exception("%s %s failed; answering with the apology", request.method, request.path)
        observe.note_error()
        try:
            return _twiml(line.apology(locale, urls))
        except Exception:
            log.exception("the apology failed too; answering with the static last resort")
            return last_resort(locale)

    # One turn event per call step; first, so a request refused below is recorded too.
    observe.attach(blueprint, CHANNEL, {"phone.voice", "phone.gather", "phone.dial"})

    @blueprint.before_request
    def verify_signature() -> Response | None:
        if request.endpoint == "phone.fallback":
            return None  # checked, but never refused: see fallback()
        if check.verify(request):
            return None
        return Response("Forbidden\n", status=403, mimetype="text/plain")

    @blueprint.route("/voice", methods=methods)
    def voice() -> Response:
        def build(fields: Fields, locale: str, urls: FlaskUrls) -> TwiML:
            log.info("call %s: answered (%s)", fields.call_sid, locale)
            return line.greet(locale, urls)

        return answer(build)

    @blueprint.route("/gather", methods=methods)
    def gather() -> Response:
        def build(fields: Fields, locale: str, urls: FlaskUrls) -> TwiML:
            state = CallState.from_query(request.args.to_dict(flat=False))
            log.debug("call %s: turn at %s", fields.call_sid, state.level)
            return line.turn(locale, state, fields.heard(), urls)

        return answer(build)

    @blueprint.route("/dial", methods=methods)
    def dial() -> Response:
        def build(fields: Fields, locale: str, urls: FlaskUrls) -> TwiML:
            state = CallState.from_query(request.args.to_dict(flat=False))
            return line.dial_result(locale, state, fields.dial_status, urls)

        return answer(build)

    @blueprint.route("/fallback", methods=methods)
    def fallback() -> Response:
        """Twilio calls this when the voice webhook failed. It answers without the catalog,
        the router or any store, and is never refused: if the signature check itself is what
        failed (a wrong PUBLIC_BASE_URL), the caller must still hear the emergency advice."""
        locale = line.locale
        try:
            signed = "not checked" if check.skips(request) else check.verify(request)
            form = _form(request)
            locale = line.locale_for(called_country(form))  # where the line follows ToCountry
            log.error(
                "fallback URL called (signed=%s): call %s, ErrorCode %s, ErrorUrl %s",
                signed,
                _logged(form.get("CallSid")),
                _logged(form.get("ErrorCode")),
                _logged(form.get("ErrorUrl")),
            )
        except RequestEntityTooLarge:
            log.warning("fallback URL called with a body over the size limit")
        except Exception:
            log.exception("fallback URL: could not read the request")
        return last_resort(locale)

    @blueprint.route("/status", methods=methods)
    def status() -> Response:
        try:
            form = _form(request)
            log.info(
                "call %s status %s (duration %s s, error %s)",
                _logged(form.get("CallSid")),
                _logged(form.get("CallStatus")),
                _logged(form.get("CallDuration")),
                _logged(form.get("ErrorCode")),
            )
        except RequestEntityTooLarge:
            log.warning("status callback with a body over the size limit")
        except Exception:
            log.exception("status callback: could not read the request")
        return Response(status=204)

    return blueprint
