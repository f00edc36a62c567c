"""The simulator's own honesty: its TwiML checker refuses what Twilio refuses, and it plays
Twilio's part faithfully (a Gather without actionOnEmptyResult falls through to the next verb)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask, Response, request
from phone_sim import MAX_HINTS, PhoneCall, TwimlError, check_twiml
from twilio.twiml.voice_response import Gather, VoiceResponse  # type: ignore[import-untyped]


def _doc(build: Callable[[VoiceResponse], object]) -> bytes:
    response = VoiceResponse()
    build(response)
    return str(response.to_xml()).encode()


def _gather(**attrs: object) -> Callable[[VoiceResponse], object]:
    return lambda r: r.gather(action="/next", **attrs).say("Hello.")


def test_a_good_document_passes() -> None:
    root = check_twiml(
        _doc(
            _gather(
                input="dtmf speech",
                speech_timeout="auto",
                timeout=5,
                hints="chest pain, driving",
                action_on_empty_result=True,
                finish_on_key="",
                language="en-GB",
            )
        )
    )
    assert root.tag == "Response" and root[0].tag == "Gather"


@pytest.mark.parametrize(
    ("build", "problem"),
    [
        (_gather(input="keys"), "input"),
        (_gather(method="PUT"), "method"),
        (_gather(timeout="soon"), "timeout"),
        (_gather(speech_timeout="fast"), "speechTimeout"),
        (_gather(action_on_empty_result="yes"), "actionOnEmptyResult"),
        (_gather(hints=", ".join(f"h{n}" for n in range(MAX_HINTS + 1))), "hints"),
        (_gather(hints="x" * 101), "hints"),
        (_gather(language="english"), "language"),
        (_gather(speech_model="phone_call", speech_timeout="auto"), "speechModel"),
        (_gather(colour="blue"), "colour"),
        (lambda r: r.say(""), "Say"),
        (lambda r: r.say("a" * 4096), "Say"),
        (lambda r: r.say("Hi.", voice="robot"), "voice"),
        (lambda r: r.redirect("not a url"), "Redirect"),
        (lambda r: r.dial("911"), "emergency number"),
        (lambda r: r.dial().number("999"), "emergency number"),
        (lambda r: r.hangup() and r.say("too late"), "after <Hangup>"),
        (lambda r: r.gather().append(Gather()), "nested"),
        (lambda r: r.add_child("Sms", "hi"), "Sms"),
    ],
)
def test_what_twilio_refuses_is_refused(
    build: Callable[[VoiceResponse], object], problem: str
) -> None:
    with pytest.raises(TwimlError, match=problem):
        check_twiml(_doc(build))


@pytest.mark.parametrize(
    ("body", "problem"),
    [(b"<Response><Say>Hi", "not XML"), (b"<Twiml/>", "root"), (b"<Response>x" * 20_000, "limit")],
)
def test_what_is_not_twiml_is_refused(body: bytes, problem: str) -> None:
    with pytest.raises(TwimlError, match=problem):
        check_twiml(body)


@pytest.fixture
def toy() -> Flask:
    """A three-page phone app: a Gather that does not post on silence, then a Redirect."""
    app = Flask("toy")

    @app.post("/twilio/voice")
    def voice() -> Response:
        r = VoiceResponse()
        r.gather(action="/twilio/key", input="dtmf").say("Press a key.")
        r.say("Nothing pressed.")
        r.redirect("/twilio/bye")
        return Response(str(r.to_xml()), mimetype="text/xml")

    @app.post("/twilio/key")
    def key() -> Response:
        r = VoiceResponse()
        r.say(f"You pressed {request.form.get('Digits')}.")
        return Response(str(r.to_xml()), mimetype="text/xml")

    @app.post("/twilio/bye")
    def bye() -> Response:
        r = VoiceResponse()
        r.say("Goodbye.")
        r.hangup()
        return Response(str(r.to_xml()), mimetype="text/xml")

    return app


def test_the_simulator_follows_twilio_on_silence_and_redirects(toy: Flask) -> None:
    call = PhoneCall(toy.test_client())
    assert call.start().says == ["Press a key."]
    step = call.silence()
    assert step.says == ["Nothing pressed.", "Goodbye."] and step.hung_up


def test_the_simulator_posts_keys_and_ends_with_the_document(toy: Flask) -> None:
    call = PhoneCall(toy.test_client())
    call.start()
    step = call.press("5")
    assert step.says == ["You pressed 5."] and step.hung_up  # no more verbs: Twilio hangs up
    with pytest.raises(AssertionError, match="ended"):
        call.press("1")
    other = PhoneCall(toy.test_client())
    other.start()
    with pytest.raises(AssertionError, match="does not accept speech"):
        other.say("hello")  # this Gather takes keys only
