"""Conversation scripts as data, and one driver per channel that plays them.

A script is a list of steps. Each step is what a user does (the words they say, or a keypad key
on the phone), the intent Alexa's NLU would send for those words (Alexa sends intents, not
text), and what must follow: the intent of the neutral `Reply`, whether it is the emergency
path, what is heard (catalog texts, rendered per locale and channel, never copied sentences),
and whether the conversation ends. A step names the channels it makes sense on.

Every driver has the same interface, `say(step) -> Heard`. Each one also checks its native
output against the neutral reply behind it, so a test that plays a script asserts on both:

- ConsoleDriver: `ConsoleConversation` on the shared router; what is heard is `Reply.speech`.
- AlexaDriver: POST /alexa with LaunchRequest / IntentRequest envelopes, carrying the session
  attributes of the previous response as Alexa does (`session.new` only on the first request).
  The SSML is parsed as XML; what is heard is the text of its paragraphs (tags stripped,
  entities unescaped).
- PhoneDriver: a call placed with tests/phone_sim.py, which parses and checks every TwiML page;
  what is heard is the text of every <Say>. A call always opens with the greeting, so a script
  that does not start with the launch step has the call answered before its first step.

The neutral reply behind an Alexa or phone turn is what the shared router says for the turn the
channel should have built (the same locale, input and carried dialog state). The phone speaks
the emergency number digit by digit ("9 9 9"), Alexa wraps it in say-as, the console writes
"999": `canonical()` makes the three comparable.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from flask.testing import FlaskClient
from phone_sim import PhoneCall, Step, phone_client

from angiovoice.assistant import Assistant
from angiovoice.console import ConsoleConversation
from angiovoice.settings import Settings
from intents import catalog as ic
from intents.model import DialogState, Reply, Turn
from ivr import menu
from prompts import Catalog

Channel = Literal["console", "alexa", "phone"]
CHANNELS: tuple[Channel, ...] = ("console", "alexa", "phone")
ALL_CHANNELS: frozenset[Channel] = frozenset(CHANNELS)

ALEXA_FIXTURES = Path(__file__).parent / "fixtures" / "alexa"
SAY_AS_DIGITS = '<say-as interpret-as="digits">{number}</say-as>'

# -- what is expected to be heard -----------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    """A topic's title, as a prompt parameter ("Would you like to hear about {topic}?")."""

    intent: str

    def render(self, catalog: Catalog, locale: str) -> str:
        return catalog.topic_title(self.intent, locale)


@dataclass(frozen=True)
class Prompt:
    """A system prompt from system.toml, in the channel's variant."""

    key: str
    params: tuple[tuple[str, Title], ...] = ()

    def render(self, catalog: Catalog, locale: str, channel: Channel) -> str:
        values = {name: title.render(catalog, locale) for name, title in self.params}
        return catalog.say(self.key, locale, channel, **values)


@dataclass(frozen=True)
class Topic:
    """One part of a topic from topics.toml ("answer", "more", ...)."""

    intent: str
    part: str = "answer"

    def render(self, catalog: Catalog, locale: str, channel: Channel) -> str:
        return catalog.topic_text(self.intent, self.part, locale)


Text = Prompt | Topic


@dataclass(frozen=True)
class Expect:
    """What must follow a step, on every channel the step runs on.

    intent: the intent of the neutral reply.
    first: heard before anything else in the turn.
    hears: heard in the turn, in this order (after `first`, if both are given).
    same_as_before: the turn is heard exactly as the previous one was.
    state: the dialog state the reply carries into the next turn (None: not checked).
    """

    intent: str
    emergency: bool = False
    first: Text | None = None
    hears: tuple[Text, ...] = ()
    same_as_before: bool = False
    ends: bool = False
    state: DialogState | None = None


@dataclass(frozen=True)
class ScriptStep:
    """One thing the user does.

    words: what they say (None for opening the app or answering the call: the launch).
    intent: what Alexa's NLU sends for the words; for a key, the intent the key stands for.
    key: a keypad key (phone only).
    channels: the channels this step makes sense on; it is skipped on the others.
    """

    words: str | None
    intent: str
    expect: Expect
    key: str | None = None
    channels: frozenset[Channel] = ALL_CHANNELS

    @property
    def label(self) -> str:
        if self.key is not None:
            return f"key {self.key}"
        return repr(self.words) if self.words is not None else "launch"


def launch(expect: Expect) -> ScriptStep:
    return ScriptStep(None, ic.LAUNCH, expect)


def press(key: str, intent: str, expect: Expect) -> ScriptStep:
    return ScriptStep(None, intent, expect, key=key, channels=frozenset({"phone"}))


@dataclass(frozen=True)
class Script:
    name: str
    steps: tuple[ScriptStep, ...]

    def steps_for(self, channel: Channel) -> tuple[ScriptStep, ...]:
        return tuple(step for step in self.steps if channel in step.channels)


# -- what was heard -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heard:
    """One turn on one channel.

    reply: the neutral reply the channel rendered.
    speech: every paragraph heard, in order, as plain text (the reply's, then anything the
        channel adds, such as the phone's keypad choices).
    native: the raw spoken markup (the SSML document; the <Say> texts; the console's text).
    state: the dialog state the channel carries into the next turn.
    """

    reply: Reply
    speech: tuple[str, ...]
    native: str
    ended: bool
    state: DialogState

    @property
    def text(self) -> str:
        return " ".join(self.speech)


_DIGIT_GAP = re.compile(r"(?<=\b\d) (?=\d\b)")


def canonical(text: str) -> str:
    """Text to compare across channels: whitespace collapsed, spaced-out digits joined."""
    return _DIGIT_GAP.sub("", " ".join(text.split()))


class Driver(Protocol):
    channel: Channel
    locale: str

    def say(self, step: ScriptStep) -> Heard: ...


# -- console --------------------------------------------------------------------------------------


class ConsoleDriver:
    channel: Channel = "console"

    def __init__(self, assistant: Assistant, locale: str) -> None:
        self.locale = locale
        self.conversation = ConsoleConversation(assistant.router, locale)

    def say(self, step: ScriptStep) -> Heard:
        assert step.key is None, "the console has no keypad"
        if step.words is None:
            reply = self.conversation.welcome()
        else:
            reply = self.conversation.ask(step.words)
        assert self.conversation.state == reply.state
        return Heard(reply, reply.speech, reply.text, reply.end_session, self.conversation.state)


# -- Alexa ----------------------------------------------------------------------------------------

_REQUEST_IDS = itertools.count(1)
_SESSION_IDS = itertools.count(1)


def load_alexa_fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ALEXA_FIXTURES / name).read_text(encoding="utf-8"))
    return data


def ssml_paragraphs(ssml: str) -> tuple[str, ...]:
    """The text of each <p> of an SSML document: tags stripped, entities unescaped."""
    root = ET.fromstring(ssml)
    assert root.tag == "speak", f"SSML root is <{root.tag}>"
    assert not (root.text or "").strip(), "text outside the paragraphs"
    paragraphs = list(root)
    assert paragraphs and all(p.tag == "p" for p in paragraphs), "speech is not all paragraphs"
    return tuple("".join(p.itertext()) for p in paragraphs)


def digits_only_in_say_as(ssml: str, number: str) -> bool:
    """The number is in the SSML, and every time inside a say-as that reads it digit by digit."""
    read_as_digits = ssml.count(SAY_AS_DIGITS.format(number=number))
    return read_as_digits > 0 and ssml.count(number) == read_as_digits


class AlexaDriver:
    channel: Channel = "alexa"

    def __init__(self, client: FlaskClient, assistant: Assistant, locale: str) -> None:
        self.client = client
        self.router = assistant.router
        self.number = assistant.catalog.locale_values(locale)["emergency_number"]
        self.locale = locale
        self.session_id = f"amzn1.echo-api.session.conversation-{next(_SESSION_IDS):06d}"
        self.attributes: dict[str, str] = {}
        self.new = True
        self.ended = False

    def envelope(self, step: ScriptStep) -> dict[str, Any]:
        if step.words is None:
            envelope = load_alexa_fixture("launch.json")
        else:
            envelope = load_alexa_fixture("driving.json")
            envelope["request"]["intent"]["name"] = step.intent
        envelope["session"]["sessionId"] = self.session_id
        envelope["session"]["new"] = self.new
        envelope["session"]["attributes"] = copy.deepcopy(self.attributes)
        envelope["request"]["locale"] = self.locale
        envelope["request"]["requestId"] = f"amzn1.echo-api.request.{next(_REQUEST_IDS):06d}"
        return envelope

    def say(self, step: ScriptStep) -> Heard:
        assert step.key is None, "Alexa has no keypad"
        assert not self.ended, "the session has ended"
        turn = Turn(
            channel=self.channel,
            locale=self.locale,
            intent=step.intent,
            state=DialogState.from_mapping(self.attributes),
            new_session=self.new,
        )
        reply = self.router.respond(turn)
        response = self.client.post("/alexa", json=self.envelope(step))
        assert response.status_code == 200, response.get_data(as_text=True)
        body: dict[str, Any] = response.get_json()
        heard = self._check(body, reply)
        self.attributes = dict(body.get("sessionAttributes", {}))
        self.new = False
        self.ended = heard.ended
        return heard

    def _check(self, body: dict[str, Any], reply: Reply) -> Heard:
        """The response is well formed and renders the neutral reply."""
        assert body["version"] == "1.0"
        response = body["response"]
        speech = response["outputSpeech"]
        assert speech["type"] == "SSML"
        ssml = speech["ssml"]
        paragraphs = ssml_paragraphs(ssml)
        assert paragraphs == reply.speech
        if self.number.isdigit() and any(self.number in p for p in paragraphs):
            assert digits_only_in_say_as(ssml, self.number), ssml
        ended = response["shouldEndSession"]
        assert ended is reply.end_session
        if ended:
            assert "reprompt" not in response
        else:
            reprompt = response["reprompt"]["outputSpeech"]["ssml"]
            assert ssml_paragraphs(reprompt) == (reply.reprompt,)
        assert response["card"] == {
            "type": "Simple",
            "title": reply.card_title,
            "content": reply.card_text,
        }
        assert body["sessionAttributes"] == reply.state.to_dict()
        state = DialogState.from_mapping(body["sessionAttributes"])
        return Heard(reply, paragraphs, ssml, ended, state)


# -- phone ----------------------------------------------------------------------------------------


class PhoneDriver:
    channel: Channel = "phone"

    def __init__(self, client: FlaskClient, assistant: Assistant, locale: str) -> None:
        self.call = PhoneCall(client)
        self.router = assistant.router
        self.catalog = assistant.catalog
        self.locale = locale
        self.state = DialogState()

    def say(self, step: ScriptStep) -> Heard:
        if step.words is None and step.key is None:
            assert not self.call.history, "the call was answered already"
            turn = Turn(self.channel, self.locale, intent=ic.LAUNCH, new_session=True)
            return self._check(self.call.start(), self.router.respond(turn))
        if not self.call.history:
            self.call.start()  # the greeting, before the caller says anything
            self.state = self._carried(self._current())
        if step.key is not None:
            turn = Turn(self.channel, self.locale, intent=step.intent, state=self.state)
            return self._check(self.call.press(step.key), self.router.respond(turn))
        assert step.words is not None
        turn = Turn(self.channel, self.locale, text=step.words, state=self.state)
        return self._check(self.call.say(step.words), self.router.respond(turn))

    def _current(self) -> Step:
        assert self.call.current is not None
        return self.call.current

    def _carried(self, step: Step) -> DialogState:
        """The dialog state in the waiting Gather's action URL."""
        query = step.query
        return DialogState.from_mapping({name: values[0] for name, values in query.items()})

    def _check(self, step: Step, reply: Reply) -> Heard:
        """The caller heard the neutral reply first, and the call carries its state on."""
        spoken = tuple(self.catalog.speakable(p, self.locale) for p in reply.speech)
        assert tuple(step.says[: len(spoken)]) == spoken
        assert step.hung_up is reply.end_session
        assert step.dial is None
        if step.hung_up:
            assert step.gather is None
            state = DialogState()
        else:
            assert step.gather is not None
            assert set((step.gather.get("input") or "").split()) == {"dtmf", "speech"}
            level = menu.LEVELS.get(step.level or "")
            assert level is not None, f"the Gather waits at an unknown level {step.level!r}"
            state = self._carried(step)
            # A menu is a new question: it keeps what was said last, but offers nothing.
            if level.kind == "menu":
                last, heard = reply.state.last, reply.state.all_heard
                theirs = last == ic.PAIN_EASED and reply.state.someone_else
                assert state == DialogState(last=last, all_heard=heard, someone_else=theirs)
            else:
                assert state == reply.state
        self.state = state
        native = " ".join(step.says)
        return Heard(reply, tuple(step.says), native, step.hung_up, state)


# -- building drivers -----------------------------------------------------------------------------


@dataclass
class Channels:
    """Drivers for every channel and locale, on one assistant (apps built once per locale)."""

    assistant: Assistant
    clients: dict[str, FlaskClient] = field(default_factory=dict)

    def client(self, locale: str) -> FlaskClient:
        """A development-mode app whose phone line speaks `locale` (Alexa takes the locale
        from each request)."""
        if locale not in self.clients:
            settings = Settings(
                dev=True, verify_signature=False, verify_timestamp=False, locale=locale
            )
            self.clients[locale] = phone_client(settings, self.assistant)
        return self.clients[locale]

    def driver(self, channel: Channel, locale: str = "en-US") -> Driver:
        if channel == "console":
            return ConsoleDriver(self.assistant, locale)
        if channel == "alexa":
            return AlexaDriver(self.client(locale), self.assistant, locale)
        return PhoneDriver(self.client(locale), self.assistant, locale)


# -- playing a script -----------------------------------------------------------------------------


def render(text: Text, driver: Driver, catalog: Catalog) -> str:
    return canonical(text.render(catalog, driver.locale, driver.channel))


def check_expectations(
    step: ScriptStep, heard: Heard, before: Heard | None, catalog: Catalog, driver: Driver
) -> None:
    """The step's expectations, on the neutral reply and on what was heard."""
    expect = step.expect
    where = f"{driver.channel} {driver.locale}, {step.label}"
    assert heard.reply.intent == expect.intent, where
    assert heard.reply.emergency is expect.emergency, where
    assert heard.reply.end_session is expect.ends, where
    assert heard.ended is expect.ends, where
    if expect.state is not None:
        assert heard.reply.state == expect.state, where
    text = canonical(heard.text)
    position = 0
    if expect.first is not None:
        first = render(expect.first, driver, catalog)
        assert text.startswith(first), f"{where}: heard first {text[:80]!r}, not {first[:80]!r}"
        position = len(first)
    for wanted in expect.hears:
        rendered = render(wanted, driver, catalog)
        found = text.find(rendered, position)
        assert found >= 0, f"{where}: {rendered[:80]!r} not heard (in order) in {text!r}"
        position = found + len(rendered)
    if expect.same_as_before:
        assert before is not None, f"{where}: nothing before to be the same as"
        assert heard.reply.speech == before.reply.speech, where
        assert heard.speech == before.speech, where


def play(script: Script, driver: Driver, catalog: Catalog) -> Iterator[tuple[ScriptStep, Heard]]:
    """Play a script's steps for the driver's channel, checking each one as it is heard."""
    before: Heard | None = None
    for step in script.steps_for(driver.channel):
        heard = driver.say(step)
        check_expectations(step, heard, before, catalog, driver)
        yield step, heard
        before = heard


def run(script: Script, driver: Driver, catalog: Catalog) -> list[tuple[ScriptStep, Heard]]:
    return list(play(script, driver, catalog))
