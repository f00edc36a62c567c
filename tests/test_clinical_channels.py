"""Issue 5: every topic on every channel, and every red flag from every state.

Topics: each topic intent, asked on the console (a catalog sample utterance as text), on Alexa
(an IntentRequest for the intent, as Alexa's NLU sends it) and on the phone (the same sample as
speech), is answered first with the catalog's answer, in the channel's locale.

Red flags: each red flag, said in words taken from its catalog samples and in a paraphrase written
here, from every starting state (a fresh session; after a topic answer; after "tell me more";
after help; after a "did you want to know about...?" question; after each other red flag's
instruction; on the phone also at every menu level the keys reach) is answered FIRST with that
flag's own instruction, carrying the locale's emergency number as the channel must say it: as
written on the console, inside a say-as digits tag on Alexa, digit by digit on the phone. Then
"repeat" (and on the phone key 1 and star) says that same flag's instruction again, not chest
pain's and not the flag said before it. Alexa sends intents, not words, so on Alexa the flag
arrives as an IntentRequest for the flag intent and the starting states ride in the session
attributes.

Care team: on a line configured with a care-team number, key 0 after any red flag's instruction
dials it, and a call nobody answers comes back to that flag's reprompt.

Every expected sentence is rendered from the catalog under test; only the emergency numbers are
written out here, as the product's promise to each country.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import pytest
from channels import (
    SAY_AS_DIGITS,
    AlexaDriver,
    Channels,
    Expect,
    Heard,
    ScriptStep,
    digits_only_in_say_as,
)
from flask.testing import FlaskClient
from phone_sim import PhoneCall, Step, phone_client

from angiovoice.assistant import Assistant
from angiovoice.console import ConsoleConversation
from angiovoice.settings import Settings
from intents import catalog as ic
from intents.coverage import uncovered_subject
from intents.handlers import EMERGENCY_PROMPTS
from intents.model import DialogState, Reply, Turn
from intents.text import normalise
from ivr import menu

# The product's promise to each country, written out rather than read from the catalog.
EMERGENCY_NUMBERS: Mapping[str, str] = {
    "en-GB": "999",
    "en-US": "911",
    "en-IN": "112",
    "en-AU": "000",
}
TOPIC_LOCALES = ("en-GB", "en-US")
FLAG_LOCALES = tuple(EMERGENCY_NUMBERS)
FLAGS = ic.EMERGENCY_INTENTS

# One natural utterance per red flag, from its catalog samples (checked to still be one) ...
SAMPLE: Mapping[str, str] = {
    ic.CHEST_PAIN: "my chest hurts",
    ic.HEART_SIGNS: "i'm grey and sweaty",
    ic.STROKE: "one side of my face has dropped",
    ic.BREATHING: "i can't breathe",
    ic.BLEEDING: "my groin is bleeding",
    ic.SERIOUS_BLEEDING: "i'm vomiting blood",
    ic.LIMB: "i can't feel my hand",
}
# ... and one paraphrase of our own, in no catalog sample.
PARAPHRASE: Mapping[str, str] = {
    ic.CHEST_PAIN: "there's a crushing weight on my chest that won't go away",
    ic.HEART_SIGNS: "my mum has gone a horrible grey colour and she's sweating buckets",
    ic.STROKE: "my dad's words have gone all slurred and his face looks lopsided",
    ic.BREATHING: "I'm gasping and can hardly get any air in",
    ic.BLEEDING: "the puncture in my groin keeps bleeding through the plaster",
    ic.SERIOUS_BLEEDING: "there's blood in my wee since I started the ticagrelor",
    ic.LIMB: "my leg has gone numb and freezing cold below the knee",
}
# The topic answered before a red flag, and words the matcher takes for a topic, but not surely.
TOPIC = "DrivingIntent"
WEAK_WORDS, WEAK_TOPIC = "something about my car", "DrivingIntent"
CARE_TEAM = "+441234567890"
CARE_TEAM_KEY = "0"
AGAIN_KEY = "1"  # "press 1 or say repeat", in the instruction's phone wording


def first_sample(assistant: Assistant, intent: str) -> str:
    return assistant.intents.samples[intent][0]


def mentions(text: str, number: str) -> bool:
    """The number, as a whole run of digits (not part of a longer number)."""
    return re.search(rf"(?<!\d){re.escape(number)}(?!\d)", text) is not None


# -- one conversation, whatever the channel ----------------------------------------------------


@dataclass(frozen=True)
class Said:
    """One turn: every paragraph heard, in order, and the first paragraph as the channel wrote
    it (the console's text; the SSML <p> element; the first <Say>)."""

    speech: tuple[str, ...]
    native: str
    reply: Reply | None = None  # the console's reply; the reply behind an Alexa turn
    step: Step | None = None  # the phone page


class Talk(Protocol):
    channel: str
    locale: str

    def open(self) -> Said: ...

    def send(self, words: str, intent: str | None) -> Said: ...


class ConsoleTalk:
    """The console: words in, the router's reply out."""

    channel = "console"

    def __init__(self, assistant: Assistant, locale: str) -> None:
        self.locale = locale
        self.conversation = ConsoleConversation(assistant.router, locale)

    def open(self) -> Said:
        reply = self.conversation.welcome()
        return Said(reply.speech, reply.speech[0], reply)

    def send(self, words: str, intent: str | None) -> Said:
        reply = self.conversation.ask(words)
        return Said(reply.speech, reply.speech[0], reply)


class AlexaTalk:
    """POST /alexa: the intent Alexa's NLU would send for the words, with the session
    attributes of the previous response. Words Alexa's NLU has no intent for (a weak match,
    intent None) cannot reach the skill; the state the shared router leaves after them is put in
    the session attributes instead, as the next request would carry it."""

    channel = "alexa"

    def __init__(self, client: FlaskClient, assistant: Assistant, locale: str) -> None:
        self.locale = locale
        self.router = assistant.router
        self.driver = AlexaDriver(client, assistant, locale)

    def open(self) -> Said:
        return self._said(self.driver.say(ScriptStep(None, ic.LAUNCH, Expect(ic.LAUNCH))))

    def send(self, words: str, intent: str | None) -> Said:
        if intent is None:
            state = DialogState.from_mapping(self.driver.attributes)
            turn = Turn(self.channel, self.locale, text=words, state=state)
            reply = self.router.respond(turn)
            self.driver.attributes = reply.state.to_dict()
            self.driver.new = False
            return Said(reply.speech, reply.speech[0], reply)
        return self._said(self.driver.say(ScriptStep(words, intent, Expect(intent))))

    @staticmethod
    def _said(heard: Heard) -> Said:
        first = ET.fromstring(heard.native)[0]
        first.tail = None
        return Said(heard.speech, ET.tostring(first, encoding="unicode"), heard.reply)


class PhoneTalk:
    """A call through the Twilio simulator: words are speech, keys are keys."""

    channel = "phone"

    def __init__(self, client: FlaskClient, locale: str) -> None:
        self.locale = locale
        self.call = PhoneCall(client)

    def open(self) -> Said:
        return phone_said(self.call.start())

    def send(self, words: str, intent: str | None) -> Said:
        return phone_said(self.call.say(words))

    def press(self, key: str) -> Said:
        return phone_said(self.call.press(key))


def phone_said(step: Step) -> Said:
    assert step.says, "nothing was said"
    return Said(tuple(step.says), step.says[0], step=step)


@pytest.fixture(scope="module")
def lines(assistant: Assistant) -> Channels:
    """Apps built once per locale for the whole module (a phone line speaks one locale)."""
    return Channels(assistant)


def talk(channel: str, assistant: Assistant, lines: Channels, locale: str) -> Talk:
    if channel == "console":
        return ConsoleTalk(assistant, locale)
    if channel == "alexa":
        return AlexaTalk(lines.client(locale), assistant, locale)
    return PhoneTalk(lines.client(locale), locale)


# -- what must be heard, rendered from the catalog ----------------------------------------------


def spoken(assistant: Assistant, text: str, channel: str, locale: str) -> str:
    """A catalog text as the channel speaks it: the phone spaces out the emergency number."""
    return assistant.catalog.speakable(text, locale) if channel == "phone" else text


def prompt(assistant: Assistant, key: str, channel: str, locale: str, **params: str) -> str:
    return spoken(assistant, assistant.catalog.say(key, locale, channel, **params), channel, locale)


def topic_part(assistant: Assistant, intent: str, part: str, channel: str, locale: str) -> str:
    return spoken(assistant, assistant.catalog.topic_text(intent, part, locale), channel, locale)


def instruction(assistant: Assistant, flag: str, channel: str, locale: str) -> str:
    return prompt(assistant, EMERGENCY_PROMPTS[flag][0], channel, locale)


# -- 1. every topic on every channel --------------------------------------------------------------

CHANNELS = ("console", "alexa", "phone")


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("locale", TOPIC_LOCALES)
@pytest.mark.parametrize("intent", ic.TOPIC_INTENTS)
def test_every_topic_is_answered_first_with_its_catalog_answer(
    assistant: Assistant, lines: Channels, intent: str, locale: str, channel: str
) -> None:
    """Once the conversation is open (a first turn would hear the disclaimer first), the
    topic's answer in the channel's locale is the first paragraph of the reply."""
    words = first_sample(assistant, intent)
    conversation = talk(channel, assistant, lines, locale)
    conversation.open()
    said = conversation.send(words, intent)
    answer = topic_part(assistant, intent, "answer", channel, locale)
    assert said.speech[0] == answer, f"{channel} {locale}: {words!r}"
    assert prompt(assistant, "offer_more", channel, locale) in said.speech[1:]
    if said.step is not None:
        assert said.step.level == menu.ANSWER and said.step.query["last"] == [intent]
    elif said.reply is not None:
        assert said.reply.intent == intent and said.reply.state.last == intent


def test_the_topic_answers_differ_by_locale_where_the_catalog_says_so(
    assistant: Assistant,
) -> None:
    """The two topic locales are not the same text under another name: some answer differs."""
    catalog = assistant.catalog
    differ = [
        intent
        for intent in ic.TOPIC_INTENTS
        if catalog.topic_text(intent, "answer", "en-GB")
        != catalog.topic_text(intent, "answer", "en-US")
    ]
    assert differ, "no topic answer differs between en-GB and en-US"


@pytest.mark.parametrize("intent", ic.TOPIC_INTENTS)
def test_every_sample_of_a_topic_reaches_that_topic_in_words(
    assistant: Assistant, intent: str
) -> None:
    """Alexa is trained on every sample, so each one reaches its topic there; said in words on
    the console (the phone's speech goes through the same router) each must be answered with
    that topic, or at least asked about it ("did you want to know about ...?"); a sample that
    asks what the topic's second part says ("can I take a bath") may hear that part first, and
    one that names a subject without content ("can I take paracetamol") hears so first."""
    locale, channel = "en-US", "console"
    answer = topic_part(assistant, intent, "answer", channel, locale)
    more = topic_part(assistant, intent, "more", channel, locale)
    asked_in_more = assistant.catalog.topics[intent].asked_in_more
    title = assistant.catalog.topic_title(intent, locale)
    confirm = prompt(assistant, "confirm", channel, locale, topic=title)
    wrong = []
    for words in assistant.intents.samples[intent]:
        conversation = ConsoleTalk(assistant, locale)
        conversation.open()
        said = conversation.send(words, None)
        fits = [answer, confirm]
        if not asked_in_more.isdisjoint(normalise(words).split()):
            fits.append(more)
        speech = said.speech
        subject = uncovered_subject(normalise(words))
        if subject is not None:  # "can I take ibuprofen": no advice on painkillers first
            name = assistant.catalog.say(subject.prompt, locale, channel)
            assert speech[0] == prompt(assistant, "not_covered", channel, locale, subject=name)
            speech = speech[1:]
        if speech[0] not in fits:
            heard = said.reply.intent if said.reply is not None else said.speech[0]
            wrong.append((words, heard))
    assert wrong == []


# -- 2. each red flag from every state -------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    """Where the conversation is when the red flag is said.

    kind: "fresh", "topic", "more", "help", "confirm", "after" (another flag's instruction,
    `flag`), or "level" (a phone menu level reached by keys, `level`).
    """

    kind: str
    flag: str | None = None
    level: str | None = None

    def __str__(self) -> str:
        return f"{self.kind}-{self.flag or self.level}" if self.flag or self.level else self.kind


def key_paths() -> dict[str, tuple[str, ...]]:
    """The keys that reach each menu level from the greeting, found in the menu data: a menu
    key leads to its menu, a topic key to the answer, a red-flag key to the instruction."""
    paths: dict[str, tuple[str, ...]] = {menu.MAIN: ()}
    todo = [menu.MAIN]
    while todo:
        name = todo.pop(0)
        for option in (*menu.LEVELS[name].options, *menu.GLOBAL_OPTIONS):
            action = option.action
            if isinstance(action, menu.GoTo):
                target = action.level
            elif isinstance(action, menu.Route) and action.intent in ic.TOPIC_INTENTS:
                target = menu.ANSWER
            elif isinstance(action, menu.Route) and action.intent in EMERGENCY_PROMPTS:
                target = menu.EMERGENCY
            else:
                continue
            if target not in paths:
                paths[target] = (*paths[name], option.key)
                todo.append(target)
    return paths


KEY_PATHS = key_paths()


def common_starts(flag: str) -> tuple[Start, ...]:
    return (
        Start("fresh"),
        Start("topic"),
        Start("more"),
        Start("help"),
        Start("confirm"),
        *(Start("after", flag=other) for other in FLAGS if other != flag),
    )


def phone_starts(flag: str) -> tuple[Start, ...]:
    return (*common_starts(flag), *(Start("level", level=name) for name in KEY_PATHS))


@dataclass(frozen=True)
class Case:
    flag: str
    start: Start
    words: str
    locale: str


def cases(starts: Callable[[str], Sequence[Start]], paraphrase: bool = True) -> list[Any]:
    """Every flag from every start, in its sample and its paraphrase. The locale turns with
    them, so every flag and every start meets every locale without multiplying the cases."""
    params = []
    for i, flag in enumerate(FLAGS):
        for j, start in enumerate(starts(flag)):
            variants = (SAMPLE[flag], PARAPHRASE[flag]) if paraphrase else (SAMPLE[flag],)
            for k, words in enumerate(variants):
                locale = FLAG_LOCALES[(i + j + k) % len(FLAG_LOCALES)]
                label = ("sample", "paraphrase")[k]
                case = Case(flag, start, words, locale)
                params.append(pytest.param(case, id=f"{flag}-{start}-{label}-{locale}"))
    return params


def test_the_flag_utterances_are_a_sample_and_a_paraphrase(assistant: Assistant) -> None:
    every = {s for samples in assistant.intents.samples.values() for s in samples}
    assert set(SAMPLE) == set(PARAPHRASE) == set(FLAGS) == set(EMERGENCY_PROMPTS)
    for flag in FLAGS:
        assert SAMPLE[flag] in assistant.intents.samples[flag], flag
        assert PARAPHRASE[flag].lower() not in every, flag


def test_the_starts_cover_every_phone_menu_level() -> None:
    """Keys reach every level but the "did you mean" one, which a weak match reaches."""
    assert set(KEY_PATHS) | {menu.CONFIRM} == set(menu.LEVELS)
    assert KEY_PATHS[menu.EMERGENCY] == (menu.EMERGENCY_KEY,)


@pytest.mark.parametrize("locale", FLAG_LOCALES)
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("flag", FLAGS)
def test_each_instruction_names_the_locales_number(
    assistant: Assistant, flag: str, channel: str, locale: str
) -> None:
    """The catalog side of the promise: each flag's instruction says this country's number and
    no other country's, on every channel's wording."""
    text = assistant.catalog.say(EMERGENCY_PROMPTS[flag][0], locale, channel)
    assert mentions(text, EMERGENCY_NUMBERS[locale])
    for other in set(EMERGENCY_NUMBERS.values()) - {EMERGENCY_NUMBERS[locale]}:
        assert not mentions(text, other), other


def reach(conversation: Talk, assistant: Assistant, start: Start) -> None:
    """Bring the conversation to the start, checking every step got there."""
    channel, locale = conversation.channel, conversation.locale
    if start.kind == "fresh":
        if isinstance(conversation, PhoneTalk):
            greeting = conversation.open().step  # a call always opens with the greeting
            assert greeting is not None and greeting.level == menu.MAIN
        return
    conversation.open()

    def step(words: str, intent: str | None, first: str) -> Said:
        said = conversation.send(words, intent)
        assert said.speech[0] == first, f"setup {start}: {words!r} heard {said.speech[0]!r}"
        return said

    if start.kind in ("topic", "more"):
        topic_words = first_sample(assistant, TOPIC)
        step(topic_words, TOPIC, topic_part(assistant, TOPIC, "answer", channel, locale))
        if start.kind == "more":
            more = topic_part(assistant, TOPIC, "more", channel, locale)
            step(first_sample(assistant, ic.TELL_ME_MORE), ic.TELL_ME_MORE, more)
    elif start.kind == "help":
        step(first_sample(assistant, ic.HELP), ic.HELP, prompt(assistant, "help", channel, locale))
    elif start.kind == "confirm":
        title = assistant.catalog.topic_title(WEAK_TOPIC, locale)
        said = step(WEAK_WORDS, None, prompt(assistant, "confirm", channel, locale, topic=title))
        if said.step is not None:
            assert said.step.level == menu.CONFIRM
        if said.reply is not None:
            assert said.reply.state.offer == WEAK_TOPIC
    elif start.kind == "after":
        assert start.flag is not None
        first = instruction(assistant, start.flag, channel, locale)
        step(SAMPLE[start.flag], start.flag, first)
    elif start.kind == "level":
        assert isinstance(conversation, PhoneTalk) and start.level is not None
        at: Step | None = conversation.call.current
        for key in KEY_PATHS[start.level]:
            at = conversation.press(key).step
        assert at is not None and at.level == start.level
    else:
        raise AssertionError(f"unknown start {start}")


def check_instruction(
    said: Said, assistant: Assistant, flag: str, channel: str, locale: str, where: str
) -> None:
    """The flag's own instruction first, with the locale's number as the channel says it, and
    no other flag's instruction anywhere in the turn."""
    number = EMERGENCY_NUMBERS[locale]
    assert said.speech[0] == instruction(assistant, flag, channel, locale), (
        f"{where}: heard first {said.speech[0]!r}"
    )
    heard = " ".join(said.speech)
    for other in FLAGS:
        if other != flag:
            assert instruction(assistant, other, channel, locale) not in heard, f"{where}: {other}"
    if channel == "console":
        assert mentions(said.native, number), where
    elif channel == "alexa":
        assert SAY_AS_DIGITS.format(number=number) in said.native, f"{where}: {said.native}"
        assert digits_only_in_say_as(said.native, number), f"{where}: {said.native}"
    else:
        assert " ".join(number) in said.native and not mentions(said.native, number), where
    if said.step is not None:
        assert said.step.level == menu.EMERGENCY and said.step.query["last"] == [flag], where
        assert not said.step.hung_up, where
    if said.reply is not None:
        assert said.reply.emergency and said.reply.intent == flag, where
        assert said.reply.state.last == flag, where


# A heart attack's signs without pain said after chest pain, a bleed or a cold limb are signs of
# that emergency: its instruction (aspirin and nitrate, pressing) stays.
KEPT_OVER_SIGNS = (ic.CHEST_PAIN, ic.BLEEDING, ic.SERIOUS_BLEEDING, ic.LIMB)


def heard_flag(case: Case) -> str:
    """The red flag whose instruction the case must hear."""
    after = case.start.flag if case.start.kind == "after" else None
    if case.start.kind == "level" and case.start.level == menu.EMERGENCY:
        after = ic.CHEST_PAIN  # reached by the emergency key, chest pain's instruction
    if case.flag == ic.HEART_SIGNS and after in KEPT_OVER_SIGNS:
        assert after is not None
        return after
    return case.flag


def play_flag(conversation: Talk, assistant: Assistant, case: Case, intent: str | None) -> None:
    channel, locale = conversation.channel, conversation.locale
    where = f"{channel} {locale} {case.start}: {case.words!r}"
    reach(conversation, assistant, case.start)
    said = conversation.send(case.words, intent)
    flag = heard_flag(case)
    check_instruction(said, assistant, flag, channel, locale, where)
    if said.reply is not None:  # the console's reply; the one behind Alexa's response
        catalog, keys = assistant.catalog, EMERGENCY_PROMPTS[flag]
        assert said.reply.card_title == catalog.say(keys[1], locale, channel), where
        assert said.reply.reprompt == catalog.say(keys[2], locale, channel), where
    again = conversation.send(first_sample(assistant, ic.REPEAT), ic.REPEAT)
    check_instruction(again, assistant, flag, channel, locale, f"{where}, then repeat")
    if isinstance(conversation, PhoneTalk):
        for key in (AGAIN_KEY, menu.REPEAT_KEY):
            pressed = conversation.press(key)
            check_instruction(pressed, assistant, flag, channel, locale, f"{where}, key {key}")


@pytest.mark.parametrize("case", cases(common_starts))
def test_a_red_flag_on_the_console(assistant: Assistant, lines: Channels, case: Case) -> None:
    play_flag(talk("console", assistant, lines, case.locale), assistant, case, None)


@pytest.mark.parametrize("case", cases(common_starts, paraphrase=False))
def test_a_red_flag_on_alexa(assistant: Assistant, lines: Channels, case: Case) -> None:
    """Alexa's NLU sends the flag intent; the words only name the case."""
    play_flag(talk("alexa", assistant, lines, case.locale), assistant, case, case.flag)


@pytest.mark.parametrize("case", cases(phone_starts))
def test_a_red_flag_on_the_phone(assistant: Assistant, lines: Channels, case: Case) -> None:
    play_flag(talk("phone", assistant, lines, case.locale), assistant, case, None)


def test_the_red_flag_cases_cover_every_flag_start_and_locale() -> None:
    """The turning locale still gives every flag and every kind of start every locale."""
    for starts, paraphrase in ((common_starts, True), (common_starts, False), (phone_starts, True)):
        played = [param.values[0] for param in cases(starts, paraphrase)]
        for flag in FLAGS:
            assert {c.locale for c in played if c.flag == flag} == set(FLAG_LOCALES), flag
        for kind in ("fresh", "topic", "more", "help", "confirm", "after"):
            assert {c.locale for c in played if c.start.kind == kind} == set(FLAG_LOCALES), kind


# -- 3. the care team, after any red flag ----------------------------------------------------------


@pytest.fixture(scope="module")
def care_team_client(assistant: Assistant) -> FlaskClient:
    return phone_client(Settings(dev=True, care_team_number=CARE_TEAM), assistant)


@pytest.mark.parametrize("status", ["no-answer", "busy", "failed"])
@pytest.mark.parametrize("flag", FLAGS)
def test_key_0_dials_the_care_team_and_no_answer_returns_to_the_flags_reprompt(
    assistant: Assistant, care_team_client: FlaskClient, flag: str, status: str
) -> None:
    locale, channel = Settings().locale, "phone"
    assert locale in EMERGENCY_NUMBERS
    call = PhoneCall(care_team_client)
    call.start()
    step = call.say(SAMPLE[flag])
    said = phone_said(step)
    check_instruction(said, assistant, flag, channel, locale, flag)
    offer = prompt(assistant, "phone_key_care_team", channel, locale, digit=CARE_TEAM_KEY)
    assert offer in step.says

    dialling = call.press(CARE_TEAM_KEY)
    assert dialling.dial is not None and not dialling.hung_up
    numbers = dialling.dial.findall("Number")
    assert [(n.text or "").strip() for n in numbers] == [CARE_TEAM]
    assert dialling.says == [prompt(assistant, "phone_connecting", channel, locale)]

    missed = call.dial_outcome(status)
    reprompt = prompt(assistant, EMERGENCY_PROMPTS[flag][2], channel, locale)
    assert missed.says[:2] == [
        prompt(assistant, "phone_care_team_no_answer", channel, locale),
        reprompt,
    ]
    assert missed.level == menu.EMERGENCY and missed.query["last"] == [flag]
    assert offer in missed.says  # the care team can be tried again
    # The flag is remembered across the dial: key 1 says its instruction again.
    again = phone_said(call.press(AGAIN_KEY))
    check_instruction(again, assistant, flag, channel, locale, f"{flag} after the dial")


@pytest.mark.parametrize("flag", FLAGS)
def test_silence_after_a_red_flag_gives_its_reprompt_then_its_instruction(
    assistant: Assistant, lines: Channels, flag: str
) -> None:
    """The phone's silences at the instruction follow the flag said, not chest pain."""
    locale = FLAG_LOCALES[FLAGS.index(flag) % len(FLAG_LOCALES)]
    conversation = PhoneTalk(lines.client(locale), locale)
    conversation.open()
    check_instruction(conversation.send(SAMPLE[flag], None), assistant, flag, "phone", locale, flag)
    first = conversation.call.silence()
    assert first.says[0] == prompt(assistant, EMERGENCY_PROMPTS[flag][2], "phone", locale)
    assert first.level == menu.EMERGENCY and first.query["last"] == [flag]
    second = phone_said(conversation.call.silence())
    check_instruction(second, assistant, flag, "phone", locale, f"{flag}, second silence")
