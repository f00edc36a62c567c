"""The app's reading of urlencoded bodies gives what werkzeug's own reading gives."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from flask import Flask, request
from hypothesis import given, settings
from hypothesis import strategies as st

from angiovoice.forms import AppRequest, parse_urlencoded

FIXTURES = Path(__file__).parent / "fixtures" / "twilio"


def werkzeug_reading(text: str) -> list[tuple[str, str]]:
    """What werkzeug 3's form parser does with an urlencoded body."""
    return parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote")


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
    assert parse_urlencoded(body) == werkzeug_reading(body)


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
    # A broken escape is kept as it came, as werkzeug keeps it.
    assert parse_urlencoded("x=%E2%82&y=%zz") == [("x", "%E2%82"), ("y", "%zz")]


def test_the_app_reads_a_twilio_request_with_it(app: Flask) -> None:
    body = (FIXTURES / "speech-driving.form").read_text()
    assert app.request_class is AppRequest
    with app.test_request_context(
        "/twilio/gather", method="POST", data=body, content_type="application/x-www-form-urlencoded"
    ):
        assert isinstance(request, AppRequest)
        assert list(request.form.items(multi=True)) == werkzeug_reading(body)
        assert request.form["SpeechResult"] == "When can I drive?"
        assert request.form["From"] == "+15551234567"
