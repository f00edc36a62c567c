"""The X-Twilio-Signature check.

Twilio signs every webhook with the account's Auth Token: an HMAC over the exact URL it
requested plus the sorted POST parameters. Behind a proxy or a tunnel (ngrok, cloudflared) the
URL this app sees is not the one Twilio signed (http for https, an inner host name), so when
PUBLIC_BASE_URL is set the signed URL is rebuilt from it: PUBLIC_BASE_URL + path + query.

Development mode turns the check off for requests from loopback addresses only.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from flask import Request
from twilio.request_validator import (  # type: ignore[import-untyped]
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    RequestValidator,
    get_signature_algorithm,
)
from werkzeug.exceptions import RequestEntityTooLarge

from angiovoice.settings import Settings, is_loopback

log = logging.getLogger(__name__)

_MAX_SIGNATURE = 200


def signed_url(request: Request, public_base_url: str | None) -> str:
    """The URL Twilio requested, as it signed it."""
    if not public_base_url:
        return request.url
    query = request.query_string.decode("ascii", "replace")
    return f"{public_base_url.rstrip('/')}{request.path}" + (f"?{query}" if query else "")


class SignatureCheck:
    """Decides whether a request really comes from Twilio."""

    def __init__(self, settings: Settings) -> None:
        self.dev = settings.dev
        self.public_base_url = settings.public_base_url
        token = settings.twilio_auth_token
        self._validator = RequestValidator(token) if token else None
        if self.dev:
            log.warning(
                "DEVELOPMENT MODE: the Twilio signature check is OFF for loopback requests. "
                "Never expose this server without TWILIO_AUTH_TOKEN."
            )
        elif self._validator is None:
            log.error("TWILIO_AUTH_TOKEN is not set: every /twilio request will get 403")

    def skips(self, request: Request) -> bool:
        """Whether development mode lets this request through unchecked (from loopback)."""
        return self.dev and is_loopback(request.remote_addr)

    def verify(self, request: Request) -> bool:
        """True for a request Twilio signed (or any loopback request in development mode)."""
        if self.skips(request):
            return True
        if self._validator is None:
            log.warning("unsigned-able request refused: TWILIO_AUTH_TOKEN is not set")
            return False
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature or len(signature) > _MAX_SIGNATURE:
            log.warning("request without a usable %s refused", SIGNATURE_HEADER)
            return False
        try:
            # A GET webhook carries its fields in the URL, which is signed as a whole.
            params: Mapping[str, str] = request.form if request.method == "POST" else {}
            algorithm = get_signature_algorithm(request.headers.get(SIGNATURE_SETTINGS_HEADER))
            url = signed_url(request, self.public_base_url)
            valid = bool(self._validator.validate(url, params, signature, algorithm))
        except RequestEntityTooLarge:  # over the app's MAX_CONTENT_LENGTH: not Twilio's
            log.warning("request body over the size limit refused")
            return False
        except Exception:  # an unreadable body cannot be shown to be Twilio's
            log.exception("could not check the signature")
            return False
        if not valid:
            log.warning(
                "bad %s for %s (behind a proxy? set PUBLIC_BASE_URL to the public address)",
                SIGNATURE_HEADER,
                url.partition("?")[0],  # a GET webhook's query string holds the caller's number
            )
        return valid
