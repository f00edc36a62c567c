"""``POST /alexa``: the skill as an HTTPS endpoint, verified as Amazon requires.

We serve ask-sdk-core through our own Flask view instead of flask-ask-sdk, whose verifier
cannot be imported here (it needs oscrypto, which cannot parse OpenSSL 3's version string);
verification uses the ``cryptography`` package (see `skill.verify`) and keeps flask-ask-sdk's
configuration names, ASK_SDK_VERIFY_SIGNATURE and ASK_SDK_VERIFY_TIMESTAMP.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue

from angiovoice import observe
from angiovoice.assistant import Assistant
from angiovoice.settings import Settings, is_loopback
from skill.adapter import AlexaSkill, MalformedRequest
from skill.appid import VerificationError
from skill.render import last_resort_envelope
from skill.verify import CERT_URL_HEADER, SIGNATURE_HEADER, RequestVerifier

log = logging.getLogger(__name__)

# Alexa's requests are a few kilobytes; anything this large is not one.
MAX_BODY_BYTES = 128 * 1024
_JSON = "application/json"


def create_blueprint(
    settings: Settings,
    assistant: Assistant,
    verifier: RequestVerifier | None = None,
) -> Blueprint:
    """The Alexa blueprint. ``verifier`` is for tests (an injected trust store and clock)."""
    blueprint = Blueprint("alexa", __name__)
    skill = AlexaSkill(assistant, default_locale=settings.locale)
    checks = verifier or RequestVerifier.from_settings(settings)
    _announce(settings, checks)
    observe.attach(blueprint, "alexa", {"alexa.alexa"})  # one turn event per request

    @blueprint.post("/alexa")
    def alexa() -> ResponseReturnValue:
        if settings.dev and not is_loopback(request.remote_addr):
            # Development mode skips the signature checks, so it answers this machine only.
            return _reject("development mode answers requests from this machine only")
        if (request.content_length or 0) > MAX_BODY_BYTES:
            return _reject("request body is too large")
        # Read at most one byte past the limit: a chunked body declares no length.
        body = request.stream.read(MAX_BODY_BYTES + 1)
        if len(body) > MAX_BODY_BYTES:
            return _reject("request body is too large")
        if not body:
            return _reject("request body is empty")
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return _reject("request body is not JSON")
        except RecursionError:  # json's parser recurses once per nesting level
            return _reject("request body is nested too deeply")
        if not isinstance(payload, dict):
            return _reject("request body is not a JSON object")
        try:
            checks.verify(_signature_headers(), body, payload)
        except VerificationError as exc:
            return _reject(exc.reason)
        _note_turn(payload)
        try:
            answer = _dumps(skill.handle(payload))
        except MalformedRequest as exc:
            return _reject(str(exc))
        except Exception:
            log.exception("alexa: unexpected failure")
            observe.note_error()
            answer = _dumps(last_resort_envelope())
        return Response(answer, mimetype=_JSON)

    return blueprint


def _dumps(answer: dict[str, Any]) -> str:
    # Not jsonify: Alexa needs no sorted keys, and this is on every turn's path.
    return json.dumps(answer, separators=(",", ":"))


def _note_turn(payload: dict[str, Any]) -> None:
    """For the turn's event: who asks (context.System.user.userId, else session.user.userId;
    hashed before it is stored), the request type and the locale. Never logged."""

    def field(*path: str) -> str | None:
        value: Any = payload
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value if isinstance(value, str) and value else None

    observe.note(
        caller_id=field("context", "System", "user", "userId")
        or field("session", "user", "userId"),
        intent=field("request", "type"),
        locale=field("request", "locale"),
    )


def _signature_headers() -> dict[str, str]:
    """The two signature headers, looked up case-insensitively."""
    found = {name: request.headers.get(name) for name in (CERT_URL_HEADER, SIGNATURE_HEADER)}
    return {name: value for name, value in found.items() if value is not None}


def _reject(reason: str) -> ResponseReturnValue:
    log.warning("alexa: request rejected (400): %s", reason)
    return jsonify(error=reason, status=400), 400  # the shape of the app's other errors


def _announce(settings: Settings, checks: RequestVerifier) -> None:
    if settings.dev:
        log.warning(
            "alexa: DEVELOPMENT MODE: request signature and timestamp are NOT verified%s",
            f"; skill id {checks.skill_id} is" if checks.skill_id else "; any skill id is accepted",
        )
        return
    if checks.skill_id is None:
        log.error("alexa: ALEXA_SKILL_ID is not set; every Alexa request will be rejected")
    if not checks.verify_signature:
        log.warning("alexa: ASK_SDK_VERIFY_SIGNATURE is off: request signatures are NOT checked")
    if not checks.verify_timestamp:
        log.warning("alexa: ASK_SDK_VERIFY_TIMESTAMP is off: request timestamps are NOT checked")
