"""The Alexa endpoint, driven through the Flask test client with Alexa-shaped request envelopes.

The `client` fixture is in development mode (no signature or timestamp checks; those are in
test_alexa_verify.py). Replies are checked against what the shared router says for the same
turn, so these tests catch an adapter that drops, reorders or mangles what should be said.
"""

from __future__ import annotations

import copy
import json
import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import skill
import skill.aws_lambda
from angiovoice.app import create_app
from angiovoice.assistant import Assistant
from angiovoice.settings import Settings
from intents import catalog as ic
from intents.model import DialogState, Reply, Turn
from prompts.static import LAST_RESORT
from skill import render, subjects
from skill.adapter import AlexaSkill, MalformedRequest
from skill.appid import VerificationError

FIXTURES = Path(__file__).parent / "fixtures" / "alexa"
FIXTURE_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000a1e0"
SPEECH_LIMIT = 8000
EMERGENCY_NUMBERS = {"en-US": "911", "en-GB": "999", "en-IN": "112", "en-AU": "000", "en-CA": "911"}


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def intent_envelope(
    name: str,
    locale: str = "en-US",
    attributes: dict[str, str] | None = None,
    new: bool = False,
    slots: dict[str, str] | None = None,
) -> dict[str, Any]:
    envelope = load("driving.json")
    envelope["request"]["intent"]["name"] = name
    envelope["request"]["locale"] = locale
    envelope["session"]["new"] = new
    envelope["session"]["attributes"] = attributes or {}
    if slots:
        envelope["request"]["intent"]["slots"] = {
            key: {"name": key, "value": value, "confirmationStatus": "NONE"}
            for key, value in slots.items()
        }
    return envelope


def post(client: FlaskClient, envelope: Any) -> dict[str, Any]:
    response = client.post("/alexa", json=envelope)
    assert response.status_code == 200, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    assert body["version"] == "1.0"
    return body


def paragraphs(ssml: str) -> list[str]:
    """The spoken paragraphs of an SSML document (parsing fails on unescaped text)."""
    root = ET.fromstring(ssml)
    assert root.tag == "speak"
    return ["".join(p.itertext()) for p in root.iter("p")]


def expected(assistant: Assistant, turn: Turn) -> Reply:
    return assistant.router.respond(turn)


def check_well_formed(body: dict[str, Any]) -> None:
    """What every speaking response must have, whatever was asked."""
    response = body["response"]
    ssml = response["outputSpeech"]["ssml"]
    assert response["outputSpeech"]["type"] == "SSML"
    assert len(ssml) < SPEECH_LIMIT
    assert paragraphs(ssml), "no speech"
    assert isinstance(response["shouldEndSession"], bool)
    if response["shouldEndSession"]:
        assert "reprompt" not in response
    else:
        assert paragraphs(response["reprompt"]["outputSpeech"]["ssml"])
    assert response["card"]["type"] == "Simple"
    assert response["card"]["title"] and response["card"]["content"]


# -- launch, intents, built-ins ----------------------------------------------------------------


def test_launch_welcomes_with_disclaimer_and_chest_pain_line(
    client: FlaskClient, assistant: Assistant
) -> None:
    body = post(client, load("launch.json"))
    check_well_formed(body)
    response = body["response"]
    welcome = assistant.catalog.say("welcome", "en-US", "alexa")
    assert paragraphs(response["outputSpeech"]["ssml"]) == [welcome]
    assert "not medical advice" in welcome and "say chest pain" in welcome
    assert paragraphs(response["reprompt"]["outputSpeech"]["ssml"]) == [
        assistant.catalog.say("welcome_reprompt", "en-US", "alexa")
    ]
    assert response["shouldEndSession"] is False
    assert body["sessionAttributes"] == {"last": ic.LAUNCH}
    assert "directives" not in response  # no screen in this request


def test_driving_fixture_new_session_gets_disclaimer_answer_and_offer(
    client: FlaskClient, assistant: Assistant
) -> None:
    body = post(client, load("driving.json"))
    check_well_formed(body)
    said = paragraphs(body["response"]["outputSpeech"]["ssml"])
    catalog = assistant.catalog
    assert said == [
        catalog.say("disclaimer", "en-US", "alexa"),
        catalog.topic_text("DrivingIntent", "answer", "en-US"),
        catalog.say("offer_more", "en-US", "alexa"),
    ]
    assert body["response"]["card"] == {
        "type": "Simple",
        "title": catalog.topic_text("DrivingIntent", "card_title", "en-US"),
        "content": catalog.topic_text("DrivingIntent", "card_text", "en-US"),
    }
    assert body["sessionAttributes"] == {"last": "DrivingIntent", "offer": "DrivingIntent#more"}


@pytest.mark.parametrize("intent", ic.CUSTOM_INTENTS)
def test_every_custom_intent_says_what_the_router_says(
    client: FlaskClient, assistant: Assistant, intent: str
) -> None:
    state = {"last": "StentIntent"} if intent == ic.TELL_ME_MORE else {}
    body = post(client, intent_envelope(intent, attributes=state))
    check_well_formed(body)
    reply = expected(
        assistant,
        Turn(channel="alexa", locale="en-US", intent=intent, state=DialogState(**state)),
    )
    assert paragraphs(body["response"]["outputSpeech"]["ssml"]) == list(reply.speech)
    assert body["response"]["shouldEndSession"] is reply.end_session
    assert body["response"]["card"]["content"] == reply.card_text
    assert body["sessionAttributes"] == reply.state.to_dict()


@pytest.mark.parametrize("intent", ic.BUILTIN_INTENTS)
def test_every_builtin_intent_gets_a_valid_answer(
    client: FlaskClient, assistant: Assistant, intent: str
) -> None:
    state = {"last": "DrivingIntent", "offer": "DrivingIntent#more"}
    body = post(client, intent_envelope(intent, attributes=state))
    check_well_formed(body)
    reply = expected(
        assistant,
        Turn(channel="alexa", locale="en-US", intent=intent, state=DialogState(**state)),
    )
    assert paragraphs(body["response"]["outputSpeech"]["ssml"]) == list(reply.speech)
    assert body["sessionAttributes"] == reply.state.to_dict()


@pytest.mark.parametrize(
    ("intent", "prompt", "ends"),
    [
        (ic.STOP, "goodbye", True),
        (ic.CANCEL, "goodbye", True),
        (ic.HELP, "help", False),
        (ic.FALLBACK, "fallback", False),
        (ic.NO, "declined", False),
        (ic.START_OVER, "start_over", False),
        (ic.NAVIGATE_HOME, "start_over", False),
    ],
)
def test_builtins_say_their_prompt_and_end_only_when_asked(
    client: FlaskClient, assistant: Assistant, intent: str, prompt: str, ends: bool
) -> None:
    body = post(client, intent_envelope(intent, attributes={"last": "WorkIntent"}))
    assert paragraphs(body["response"]["outputSpeech"]["ssml"]) == [
        assistant.catalog.say(prompt, "en-US", "alexa")
    ]
    assert body["response"]["shouldEndSession"] is ends


def test_yes_follows_the_offer_kept_in_session_attributes(
    client: FlaskClient, assistant: Assistant
) -> None:
    first = post(client, load("driving.json"))
    follow = intent_envelope(ic.YES, attributes=first["sessionAttributes"])
    body = post(client, follow)
    said = paragraphs(body["response"]["outputSpeech"]["ssml"])
    assert said[0] == assistant.catalog.topic_text("DrivingIntent", "more", "en-US")
    assert body["sessionAttributes"]["last"] == "DrivingIntent#more"


def test_repeat_after_chest_pain_repeats_the_emergency_advice(
    client: FlaskClient, assistant: Assistant
) -> None:
    body = post(client, intent_envelope(ic.REPEAT, attributes={"last": ic.CHEST_PAIN}))
    said = paragraphs(body["response"]["outputSpeech"]["ssml"])
    assert said[0] == assistant.catalog.say("emergency", "en-US", "alexa")


def test_a_session_opened_by_chest_pain_hears_the_disclaimer_with_its_first_answer(
    client: FlaskClient, assistant: Assistant
) -> None:
    disclaimer = assistant.catalog.say("disclaimer", "en-US", "alexa")
    first = post(client, intent_envelope(ic.CHEST_PAIN, new=True))
    assert disclaimer not in paragraphs(first["response"]["outputSpeech"]["ssml"])
    assert first["sessionAttributes"] == {"last": ic.CHEST_PAIN, "disclaimer": "owed"}
    body = post(client, intent_envelope("DrivingIntent", attributes=first["sessionAttributes"]))
    said = paragraphs(body["response"]["outputSpeech"]["ssml"])
    answer = assistant.catalog.topic_text("DrivingIntent", "answer", "en-US")
    reminder = assistant.catalog.say("emergency_reminder", "en-US", "alexa")
    assert said[:3] == [reminder, disclaimer, answer]  # the instruction's reminder first
    assert body["sessionAttributes"] == {"last": "DrivingIntent", "offer": "DrivingIntent#more"}


def test_tampered_session_attributes_are_ignored(client: FlaskClient) -> None:
    body = post(client, intent_envelope(ic.REPEAT, attributes={"last": "<script>", "x": "y"}))
    check_well_formed(body)
    assert body["sessionAttributes"] == {}


# -- locale and emergency numbers --------------------------------------------------------------


@pytest.mark.parametrize(("locale", "number"), sorted(EMERGENCY_NUMBERS.items()))
def test_chest_pain_names_the_locale_emergency_number_as_digits(
    client: FlaskClient, locale: str, number: str
) -> None:
    body = post(client, intent_envelope(ic.CHEST_PAIN, locale=locale))
    ssml = body["response"]["outputSpeech"]["ssml"]
    assert f'<say-as interpret-as="digits">{number}</say-as>' in ssml
    assert f"call {number} now" in body["response"]["card"]["content"]
    for other in set(EMERGENCY_NUMBERS.values()) - {number}:
        assert other not in ssml
    assert body["response"]["card"]["title"] == "If you have chest pain"


def test_slot_values_reach_the_emergency_detector(client: FlaskClient) -> None:
    # Alexa sends no raw text; if a future model adds slots, what they carry is still checked.
    body = post(client, intent_envelope("DrivingIntent", slots={"query": "my chest hurts"}))
    said = paragraphs(body["response"]["outputSpeech"]["ssml"])
    assert said[0].startswith("Stop what you are doing and rest.")


# The model's questions naming a subject (skill/subjects.py): the slot's value is put back into
# its question, which is understood as typed text is.
TAKE, DRINK = "CanITakeIntent", "CanIDrinkIntent"


@pytest.mark.parametrize(
    ("intent", "subject", "first", "answered_as"),
    [
        (TAKE, "ibuprofen", "I don't have advice about painkillers.", "MedicationIntent"),
        (DRINK, "a glass of wine", "I don't have advice about alcohol.", "LifestyleIntent"),
        (TAKE, "the flu jab", "I don't have advice about vaccinations.", ic.FALLBACK),
        # covered: the medicines' answer, as typed text gets it
        (TAKE, "aspirin", "With a stent, you need anti-platelet medicines", "MedicationIntent"),
        # read in its question, not alone: "cold medicine" alone reads like a cold limb
        (TAKE, "cold medicine", "Did you want to know about your medicines?", "MedicationIntent"),
        (DRINK, "coffee", "To help protect your heart", "LifestyleIntent"),
        # a red flag in the slot: the instruction first
        (TAKE, "my chest hurts", "Stop what you are doing and rest.", "ChestPainIntent"),
    ],
)
def test_a_question_naming_a_subject_is_answered_as_the_typed_question_is(
    client: FlaskClient,
    assistant: Assistant,
    intent: str,
    subject: str,
    first: str,
    answered_as: str,
) -> None:
    body = post(client, intent_envelope(intent, slots={subjects.SLOT: subject}))
    check_well_formed(body)
    said = paragraphs(body["response"]["outputSpeech"]["ssml"])
    assert said[0].startswith(first), said
    question = subjects.BY_INTENT[intent].text(subject)
    typed = expected(assistant, Turn(channel="alexa", locale="en-US", text=question))
    assert said == list(typed.speech) and typed.intent == answered_as


@pytest.mark.parametrize(
    ("slot", "intent", "text"),
    [
        (None, ic.FALLBACK, None),
        ("", ic.FALLBACK, None),
        ("   ", ic.FALLBACK, None),
        ("ibuprofen", None, "can I take ibuprofen"),
    ],
)
def test_the_router_gets_the_question_with_its_subject_or_a_request_not_caught(
    client: FlaskClient,
    assistant: Assistant,
    monkeypatch: pytest.MonkeyPatch,
    slot: str | None,
    intent: str | None,
    text: str | None,
) -> None:
    turns: list[Turn] = []
    respond = assistant.router.respond

    def recording(turn: Turn, *args: Any, **kwargs: Any) -> Reply:
        turns.append(turn)
        return respond(turn, *args, **kwargs)

    monkeypatch.setattr(assistant.router, "respond", recording)
    envelope = intent_envelope(TAKE)
    if slot is not None:
        envelope["request"]["intent"]["slots"] = {
            subjects.SLOT: {"name": subjects.SLOT, "value": slot, "confirmationStatus": "NONE"}
        }
    said = paragraphs(post(client, envelope)["response"]["outputSpeech"]["ssml"])
    [turn] = turns
    assert (turn.intent, turn.text) == (intent, text)
    if intent == ic.FALLBACK:
        assert said[0].startswith("Sorry, I can't help with that.")


def test_unknown_locale_gets_generic_emergency_wording(client: FlaskClient) -> None:
    body = post(client, intent_envelope(ic.CHEST_PAIN, locale="fr-FR"))
    ssml = body["response"]["outputSpeech"]["ssml"]
    assert "your local emergency number" in ssml
    assert "say-as" not in ssml


# -- screens -----------------------------------------------------------------------------------


def test_screen_devices_get_a_small_apl_document(client: FlaskClient) -> None:
    body = post(client, load("chest_pain_en_gb_screen.json"))
    check_well_formed(body)
    directives = body["response"]["directives"]
    assert len(directives) == 1
    directive = directives[0]
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert directive["document"]["type"] == "APL"
    answer = directive["datasources"]["answer"]
    assert answer["title"] == body["response"]["card"]["title"]
    assert "call 999 now" in answer["text"]


def test_only_the_context_the_skill_reads_is_deserialised(client: FlaskClient) -> None:
    # The viewport and other context parts are not read, so a shape the SDK's models would
    # choke on there does not cost the answer; the supported interfaces still decide APL.
    envelope = load("chest_pain_en_gb_screen.json")
    envelope["context"]["Viewport"] = {"shape": ["not", "a", "shape"], "dpi": "many"}
    envelope["context"]["AudioPlayer"] = 42
    body = post(client, envelope)
    assert "call <say-as" in body["response"]["outputSpeech"]["ssml"]
    assert body["response"]["directives"][0]["type"] == "Alexa.Presentation.APL.RenderDocument"
    without_screen = load("chest_pain_en_gb_screen.json")
    del without_screen["context"]["System"]["device"]["supportedInterfaces"]
    assert "directives" not in post(client, without_screen)["response"]


def test_apl_and_ssml_escape_content() -> None:
    reply = Reply(
        speech=("Tom & Jerry <b>say</b> call 999", "second"),
        reprompt="x < y",
        card_title="A & B",
        card_text="<i>c</i> & d",
        end_session=False,
        emergency=False,
        intent="Test",
        state=DialogState(),
    )
    inner = render.ssml(reply.speech, "999")
    assert paragraphs(f"<speak>{inner}</speak>") == ["Tom & Jerry <b>say</b> call 999", "second"]
    assert "<b>" not in inner
    directive = render.apl_directive(reply.card_title, reply.card_text)
    assert directive.datasources == {
        "answer": {"title": "A &amp; B", "text": "&lt;i&gt;c&lt;/i&gt; &amp; d"}
    }


def test_overlong_speech_is_cut_to_whole_paragraphs_under_the_limit() -> None:
    first = "If you have chest pain, call 999 now."
    inner = render.ssml((first, "word " * 1000, "more " * 1000, "last"), "999")
    said = paragraphs(f"<speak>{inner}</speak>")
    assert len(f"<speak>{inner}</speak>") < SPEECH_LIMIT
    assert said[0] == first
    assert "last" not in said


def test_an_overlong_first_paragraph_is_shortened_not_dropped() -> None:
    inner = render.ssml(("call 999 " + "now " * 3000,), "999")
    said = paragraphs(f"<speak>{inner}</speak>")
    assert len(said) == 1 and said[0].startswith("call 999 now")
    assert len(f"<speak>{inner}</speak>") < SPEECH_LIMIT


# -- other request types -----------------------------------------------------------------------


def test_session_ended_is_silent_and_logged(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="skill.adapter"):
        body = post(client, load("session_ended.json"))
    response = body["response"]
    assert "outputSpeech" not in response and "reprompt" not in response
    assert response["shouldEndSession"] is True
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "reason=ERROR" in logged
    assert "INVALID_RESPONSE" in logged
    assert "An exception occurred while dispatching" in logged


def test_unknown_request_type_in_a_session_is_answered_politely(
    client: FlaskClient, assistant: Assistant
) -> None:
    body = post(client, load("unknown_request.json"))
    check_well_formed(body)
    assert paragraphs(body["response"]["outputSpeech"]["ssml"]) == [
        assistant.catalog.say("fallback", "en-AU", "alexa")
    ]
    assert body["sessionAttributes"] == {"last": "WorkIntent"}


def test_request_outside_a_session_gets_no_speech(client: FlaskClient) -> None:
    body = post(client, load("audio_player_event.json"))
    assert "outputSpeech" not in body["response"]
    assert body["response"]["shouldEndSession"] is True
    assert "sessionAttributes" not in body


# -- bad bodies and skill ids ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "request body is empty"),
        (b"{not json", "request body is not JSON"),
        (b"\xff\xfe", "request body is not JSON"),
        (b"[1, 2]", "request body is not a JSON object"),
        (b"{}", "the envelope has no request object"),
        (b'{"request": {"requestId": "r"}}', "the request has no type"),
        (b'{"request": {"type": "IntentRequest"}, "session": "oops"}', "malformed"),
    ],
)
def test_missing_or_malformed_body_is_400_with_a_reason(
    client: FlaskClient, data: bytes, reason: str
) -> None:
    response = client.post("/alexa", data=data, content_type="application/json")
    assert response.status_code == 400
    assert reason in response.get_json()["error"]
    assert response.get_json()["status"] == 400  # as the app's other errors ("405")


def test_oversized_body_is_400(client: FlaskClient) -> None:
    response = client.post("/alexa", data=b" " * (200 * 1024), content_type="application/json")
    assert response.status_code == 400
    assert "too large" in response.get_json()["error"]


def test_get_is_not_allowed(client: FlaskClient) -> None:
    assert client.get("/alexa").status_code == 405


@pytest.fixture
def app_with_skill_id(assistant: Assistant) -> Flask:
    settings = Settings(dev=True, alexa_skill_id="amzn1.ask.skill.the-right-one")
    return create_app(settings, assistant)


def test_wrong_skill_id_is_400_even_in_development(app_with_skill_id: Flask) -> None:
    response = app_with_skill_id.test_client().post("/alexa", json=load("driving.json"))
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "application id does not match this skill",
        "status": 400,
    }


def test_right_skill_id_is_answered(app_with_skill_id: Flask) -> None:
    envelope = load("driving.json")
    envelope["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.the-right-one"
    response = app_with_skill_id.test_client().post("/alexa", json=envelope)
    assert response.status_code == 200


def test_production_without_a_skill_id_rejects_every_request(assistant: Assistant) -> None:
    settings = Settings(dev=False, verify_signature=False, verify_timestamp=False)
    client = create_app(settings, assistant).test_client()
    response = client.post("/alexa", json=load("driving.json"))
    assert response.status_code == 400
    assert "ALEXA_SKILL_ID" in response.get_json()["error"]


# -- failures still answer ---------------------------------------------------------------------


def test_a_failing_handler_gives_the_error_reply_with_emergency_advice(
    client: FlaskClient, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(turn: Turn) -> Reply:
        raise RuntimeError("boom")

    monkeypatch.setattr(assistant.router, "respond", broken)
    body = post(client, load("driving.json"))
    check_well_formed(body)
    said = paragraphs(body["response"]["outputSpeech"]["ssml"])
    error = assistant.router.error(Turn(channel="alexa", locale="en-US"))
    assert said == list(error.speech)
    assert any("call 911 now" in paragraph for paragraph in said)
    assert body["response"]["shouldEndSession"] is False


def test_when_even_the_error_reply_fails_the_last_resort_is_said(
    client: FlaskClient, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(turn: Turn) -> Reply:
        raise RuntimeError("boom")

    monkeypatch.setattr(assistant.router, "respond", broken)
    monkeypatch.setattr(assistant.router, "error", broken)
    body = post(client, load("driving.json"))
    assert paragraphs(body["response"]["outputSpeech"]["ssml"]) == [LAST_RESORT]
    assert body["response"]["shouldEndSession"] is True


def test_a_failure_outside_the_sdk_handlers_still_answers(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ask_sdk_core.skill import CustomSkill

    def broken(self: CustomSkill, request_envelope: Any, context: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(CustomSkill, "invoke", broken)
    body = post(client, load("driving.json"))
    assert paragraphs(body["response"]["outputSpeech"]["ssml"]) == [LAST_RESORT]


def test_an_answer_that_cannot_be_written_as_json_becomes_the_last_resort(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(AlexaSkill, "handle", lambda self, payload: {"odd": object()})
    body = post(client, load("driving.json"))
    assert paragraphs(body["response"]["outputSpeech"]["ssml"]) == [LAST_RESORT]


# -- AWS Lambda --------------------------------------------------------------------------------


@pytest.fixture
def fresh_lambda(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(skill.aws_lambda, "_built", None)
    monkeypatch.delenv("ANGIOVOICE_DEV", raising=False)


@pytest.mark.usefixtures("fresh_lambda")
def test_lambda_handler_answers_its_own_skill(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALEXA_SKILL_ID", FIXTURE_SKILL_ID)
    body = skill.lambda_handler(load("launch.json"), None)
    assert body["response"]["shouldEndSession"] is False
    assert body["sessionAttributes"] == {"last": ic.LAUNCH}


@pytest.mark.usefixtures("fresh_lambda")
def test_lambda_handler_refuses_another_skill(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALEXA_SKILL_ID", "amzn1.ask.skill.someone-else")
    with pytest.raises(VerificationError):
        skill.lambda_handler(load("launch.json"), None)


@pytest.mark.usefixtures("fresh_lambda")
def test_lambda_handler_rejects_a_non_alexa_event(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALEXA_SKILL_ID", raising=False)
    with pytest.raises(MalformedRequest):
        skill.lambda_handler({"Records": []}, None)


def test_skill_object_can_be_used_without_flask(assistant: Assistant) -> None:
    envelope = copy.deepcopy(load("chest_pain_en_gb_screen.json"))
    body = AlexaSkill(assistant).handle(envelope)
    assert "999" in body["response"]["card"]["content"]


def _modelled_fixtures() -> list[Path]:
    """The fixtures whose request type ask-sdk-model knows (the others are tested above)."""
    from ask_sdk_model.request import Request

    return [
        path
        for path in sorted(FIXTURES.glob("*.json"))
        if json.loads(path.read_text(encoding="utf-8"))["request"]["type"]
        in Request.discriminator_value_class_map
    ]


@pytest.mark.parametrize("fixture", _modelled_fixtures(), ids=lambda p: p.name)
def test_the_fast_serializer_reads_envelopes_as_the_sdk_does(fixture: Path) -> None:
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model.request_envelope import RequestEnvelope

    from skill.adapter import EnvelopeSerializer

    payload = json.loads(fixture.read_text(encoding="utf-8"))
    # Fields this version of the models does not know are kept as they came, as the SDK does.
    payload["request"]["futureField"] = {"nested": [1, 2]}
    payload["session"] = {**payload.get("session", {}), "anotherNewField": "x"}
    ours = EnvelopeSerializer().deserialize_mapping(payload, RequestEnvelope)
    theirs = DefaultSerializer().deserialize(json.dumps(payload), RequestEnvelope)
    assert ours == theirs
    assert ours.request.timestamp == theirs.request.timestamp
    assert ours.request.futureField == {"nested": [1, 2]}
    assert ours.request.timestamp.tzinfo is not None


@pytest.mark.parametrize("fixture", _modelled_fixtures(), ids=lambda p: p.name)
def test_the_fast_serializer_writes_responses_as_the_sdk_does(
    fixture: Path, assistant: Assistant
) -> None:
    from ask_sdk_core.serialize import DefaultSerializer

    skill = AlexaSkill(assistant)
    payload = json.loads(fixture.read_text(encoding="utf-8"))
    payload.setdefault("session", load("driving.json")["session"])  # so attributes are echoed
    envelope = skill.skill.invoke(request_envelope=skill.deserialize(payload), context=None)
    ours = skill.serializer.serialize(envelope)
    assert ours == DefaultSerializer().serialize(envelope)
    assert ours["version"] and "sessionAttributes" in ours


def test_the_fast_serializer_fails_as_the_sdk_does() -> None:
    from ask_sdk_core.exceptions import SerializationException
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model.request_envelope import RequestEnvelope

    from skill.adapter import EnvelopeSerializer

    payload = load("driving.json")
    payload["request"]["intent"]["confirmationStatus"] = "NOT_A_STATUS"
    with pytest.raises(SerializationException):
        DefaultSerializer().deserialize(json.dumps(payload), RequestEnvelope)
    with pytest.raises(SerializationException):
        EnvelopeSerializer().deserialize_mapping(payload, RequestEnvelope)


def test_development_mode_answers_this_machine_only(client: FlaskClient) -> None:
    body = (FIXTURES / "driving.json").read_bytes()
    remote = client.post(
        "/alexa",
        data=body,
        content_type="application/json",
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    assert remote.status_code == 400 and "this machine only" in remote.get_json()["error"]
    local = client.post("/alexa", data=body, content_type="application/json")
    assert local.status_code == 200


def test_a_chunked_body_over_the_limit_is_refused(client: FlaskClient) -> None:
    import io

    from skill.web import MAX_BODY_BYTES

    big = b"{" + b" " * (MAX_BODY_BYTES + 10) + b"}"
    response = client.post(
        "/alexa",
        input_stream=io.BytesIO(big),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        # as gunicorn marks a chunked body it has de-chunked
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 400 and response.get_json()["error"] == (
        "request body is too large"
    )
