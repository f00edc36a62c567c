"""A quicker reading of urlencoded request bodies, for Twilio's webhooks.

Twilio posts about 27 fields with every turn of a call, nearly all of them plain: no
%-escape, no "+". werkzeug reads such a body with ``urllib.parse.parse_qsl``, which unquotes
every name and every value; that was about a twentieth of a phone turn. `parse_urlencoded`
gives exactly the same pairs (tests/test_forms.py compares the two on generated bodies) but
unquotes only the fields that hold an escape. The app's requests use it through `AppRequest`.
"""

from __future__ import annotations

from typing import IO, Any
from urllib.parse import unquote

import werkzeug.urls  # noqa: F401  (registers the "werkzeug.url_quote" error handler)
from flask import Request
from werkzeug.formparser import FormDataParser

# How werkzeug decodes %-escapes that are not valid UTF-8: they stay escaped (upper-cased).
_ERRORS = "werkzeug.url_quote"


def parse_urlencoded(text: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of an application/x-www-form-urlencoded body, in order.

    The same as ``parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote")``:
    empty fields are skipped, a field without "=" has the value "", "+" is a space.
    """
    pairs = []
    for field in text.split("&"):
        if not field:
            continue
        name, _, value = field.partition("=")
        if "%" in field or "+" in field:
            name = unquote(name.replace("+", " "), errors=_ERRORS)
            value = unquote(value.replace("+", " "), errors=_ERRORS)
        pairs.append((name, value))
    return pairs


class UrlencodedParser(FormDataParser):
    """werkzeug's form parser, reading urlencoded bodies with `parse_urlencoded`. Multipart
    bodies are werkzeug's own, and so is the size limit: the stream this reads is already cut
    at the app's MAX_CONTENT_LENGTH (angiovoice.app). It overrides a private method of
    werkzeug 3.1 (pinned); tests/test_forms.py compares it with werkzeug's own parser."""

    def _parse_urlencoded(
        self,
        stream: IO[bytes],
        mimetype: str,
        content_length: int | None,
        options: dict[str, str],
    ) -> Any:
        return stream, self.cls(parse_urlencoded(stream.read().decode())), self.cls()


class AppRequest(Request):
    """The app's request class."""

    form_data_parser_class = UrlencodedParser
