"""The app's reading of urlencoded bodies gives what werkzeug's own reading gives."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from flask import Flask, request
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from angiovoice.forms import AppRequest, parse_urlencoded

FIXTURES = Path(__file__).parent / "fixtures" / "twilio"


def reading(data: bytes, request_class: type[Request] = Request) -> list[tuple[str, str]]:
    """The form a request class reads from an urlencoded body: by default werkzeug's own,
    so a werkzeug upgrade that reads bodies differently fails these tests."""
    environ = EnvironBuilder(
        method="POST", data=data, content_type="application/x-www-form-urlencoded"
    ).get_environ()
    return list(request_class(environ).form.items(multi=True))


# Bodies made of the characters that matter to the parsing, escapes valid and broken,
# and some text beyond ASCII.
_PIECES = st.sampled_from(
    ["&", "=", "+", "%", "%2", "%20", "%2B", "%26", "%3D", "%C3%A9", "%E2%82", "%zz", "%%"]
)
_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=6)
BODIES = st.lists(st.one_of(_PIECES, _TEXT), max_size=30).map("".join)


@settings(max_examples=600, deadline=None)
@given(BODIES)
def test_any_body_reads_as_werkzeug_reads_it(body: str) -> None:
    assert reading(body.encode(), AppRequest) == reading(body.encode())
    # In order, repeated names apart (a MultiDict groups them): as werkzeug 3.1 calls parse_qsl.
    assert parse_urlencoded(body) == parse_qsl(
        body, keep_blank_values=True, errors="werkzeug.url_quote"
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT), max_size=10))
def test_encoded_pairs_come_back_as_they_were(pairs: list[tuple[str, str]]) -> None:
    assert parse_urlencoded(urlencode(pairs)) == pairs


def test_the_edges() -> None:
    assert parse_urlencoded("") == []
    assert parse_urlencoded("&&") == []
    assert parse_urlencoded("a") == [("a", "")]
    assert parse_urlencoded("a=&=b") == [("a", ""), ("", "b")]
    assert parse_urlencoded("a=1=2&a=3") == [("a", "1=2"), ("a", "3")]
    assert parse_urlencoded("SpeechResult=When+can+I+drive%3F") == [
        ("SpeechResult", "When can I drive?")
    ]
    # An escape that is not UTF-8 stays escaped, upper-cased, as werkzeug keeps it.
    assert parse_urlencoded("x=%E2%82&y=%zz&z=%e2%82") == [
        ("x", "%E2%82"),
        ("y", "%zz"),
        ("z", "%E2%82"),
    ]
    assert parse_urlencoded("x=%e2%82") == reading(b"x=%e2%82")


def test_a_body_that_is_not_utf8_has_no_fields_as_with_werkzeug() -> None:
    body = b"CallSid=CA1&SpeechResult=caf\xe9"
    assert reading(body, AppRequest) == reading(body) == []


def test_other_bodies_are_read_by_werkzeug() -> None:
    environ = EnvironBuilder(
        method="POST", data={"CallSid": "CA1", "note": (io.BytesIO(b"x"), "n.txt")}
    ).get_environ()
    with AppRequest(environ) as request:
        assert request.mimetype == "multipart/form-data"
        assert request.form["CallSid"] == "CA1"
        assert request.files["note"].read() == b"x"


def test_the_app_reads_a_twilio_request_with_it(app: Flask) -> None:
    body = (FIXTURES / "speech-driving.form").read_text()
    assert app.request_class is AppRequest
    with app.test_request_context(
        "/twilio/gather", method="POST", data=body, content_type="application/x-www-form-urlencoded"
    ):
        assert isinstance(request, AppRequest)
        assert list(request.form.items(multi=True)) == reading(body.encode())
        assert request.form["SpeechResult"] == "When can I drive?"
        assert request.form["From"] == "+15551234567"
