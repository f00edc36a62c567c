"""One conversation script, run over every channel: the console, the Alexa endpoint and the
phone line (tests/channels.py has the scripts' shape and the three drivers).

Each step is checked on the neutral `Reply` (intent, emergency, end of session, dialog state)
and on the native output: the Alexa response JSON with its SSML parsed as XML, and every TwiML
page parsed and checked by the phone simulator. The product promise is checked across channels:
"when can I drive after my stent?" gets the same answer three ways, and "my chest hurts" gets the
emergency instruction first, every time, with the number for the user's country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

import pytest
from channels import (
    CHANNELS,
    Channel,
    Channels,
    Expect,
    Heard,
    Prompt,
    Script,
    ScriptStep,
    Title,
    Topic,
    canonical,
    digits_only_in_say_as,
    launch,
    press,
    run,
)

from angiovoice.assistant import Assistant
from intents import catalog as ic
from intents.model import MORE_SUFFIX, DialogState

DRIVING = "DrivingIntent"
MEDICATION = "MedicationIntent"
STENT = "StentIntent"
WORK = "WorkIntent"

# The product promise, written out rather than read from the catalog under test.
EMERGENCY_NUMBERS: Mapping[str, str] = {
    "en-US": "911",
    "en-GB": "999",
    "en-IN": "112",
    "en-CA": "911",
    "en-AU": "000",
}
FIRST_SENTENCE = "Stop what you are doing and rest."
LOCALES = sorted(EMERGENCY_NUMBERS)

WELCOME = Expect(ic.LAUNCH, first=Prompt("welcome"), state=DialogState(last=ic.LAUNCH))
INSTRUCTION = Expect(
    ic.CHEST_PAIN,
    emergency=True,
    first=Prompt("emergency"),
    hears=(Prompt("emergency_after"),),
    state=DialogState(last=ic.CHEST_PAIN),
)


def offer_topic(intent: str) -> Prompt:
    return Prompt("offer_topic", (("topic", Title(intent)),))


def answered(intent: str) -> Expect:
    """A topic answer in a running conversation: the answer first, then the offer of more."""
    return Expect(
        intent,
        first=Topic(intent),
        hears=(Prompt("offer_more"),),
        state=DialogState(last=intent, offer=intent + MORE_SUFFIX),
    )


def answered_after_the_instruction(intent: str) -> Expect:
    """A topic answer right after chest pain's instruction: its reminder first."""
    return Expect(
        intent,
        first=Prompt("emergency_reminder"),
        hears=(Topic(intent), Prompt("offer_more")),
        state=DialogState(last=intent, offer=intent + MORE_SUFFIX),
    )


DRIVING_SCRIPT = Script(
    "driving",
    (
        launch(WELCOME),
        ScriptStep("when can I drive after my stent", DRIVING, answered(DRIVING)),
        ScriptStep(
            "yes",
            ic.YES,
            Expect(
                ic.TELL_ME_MORE,
                first=Topic(DRIVING, "more"),
                hears=(offer_topic(WORK),),
                state=DialogState(last=DRIVING + MORE_SUFFIX, offer=WORK, all_heard=True),
            ),
        ),
        ScriptStep(
            "repeat",
            ic.REPEAT,
            Expect(
                ic.TELL_ME_MORE,
                first=Topic(DRIVING, "more"),
                same_as_before=True,
                state=DialogState(last=DRIVING + MORE_SUFFIX, offer=WORK, all_heard=True),
            ),
        ),
        ScriptStep(
            "stop",
            ic.STOP,
            Expect(ic.STOP, first=Prompt("goodbye"), ends=True, state=DialogState()),
        ),
    ),
)
CHEST_PAIN_SCRIPT = Script(
    "chest pain in the middle",
    (
        launch(WELCOME),
        ScriptStep("what tablets do I need", MEDICATION, answered(MEDICATION)),
        ScriptStep("my chest hurts", ic.CHEST_PAIN, INSTRUCTION),
        ScriptStep("repeat", ic.REPEAT, INSTRUCTION),
        # The instruction tells a caller to press 1 to hear it again; only the phone has keys.
        press("1", ic.REPEAT, INSTRUCTION),
        ScriptStep(
            "what tablets do I need", MEDICATION, answered_after_the_instruction(MEDICATION)
        ),
    ),
)
FOLLOW_UP_SCRIPT = Script(
    "tell me more, then the follow-up",
    (
        ScriptStep(
            "what is a stent",
            STENT,
            Expect(
                STENT,
                hears=(Topic(STENT), Prompt("offer_more")),
                state=DialogState(last=STENT, offer=STENT + MORE_SUFFIX),
            ),
        ),
        ScriptStep(
            "tell me more",
            ic.TELL_ME_MORE,
            Expect(
                ic.TELL_ME_MORE,
                first=Topic(STENT, "more"),
                hears=(offer_topic(MEDICATION),),
                state=DialogState(last=STENT + MORE_SUFFIX, offer=MEDICATION, all_heard=True),
            ),
        ),
        ScriptStep("yes", ic.YES, answered(MEDICATION)),
    ),
)
NO_MORE_SCRIPT = Script(
    "tell me more, no, then tell me more again",
    (
        launch(WELCOME),
        ScriptStep("what is a stent", STENT, answered(STENT)),
        ScriptStep(
            "tell me more",
            ic.TELL_ME_MORE,
            Expect(ic.TELL_ME_MORE, first=Topic(STENT, "more"), hears=(offer_topic(MEDICATION),)),
        ),
        ScriptStep("no", ic.NO, Expect(ic.NO, first=Prompt("declined"))),
        # Both parts are heard and the follow-up declined: there is no more, and nothing is
        # offered again (on the phone, asked at the main menu the "no" led to).
        ScriptStep(
            "tell me more",
            ic.TELL_ME_MORE,
            Expect(
                ic.TELL_ME_MORE,
                hears=(Prompt("all_said", (("topic", Title(STENT)),)), Prompt("anything_else")),
                state=DialogState(last=STENT + MORE_SUFFIX, all_heard=True),
            ),
        ),
    ),
)
HELP_SCRIPT = Script(
    "help, then a topic",
    (
        launch(WELCOME),
        ScriptStep(
            "help",
            ic.HELP,
            Expect(ic.HELP, first=Prompt("help"), state=DialogState(last=ic.HELP)),
        ),
        ScriptStep("when can I go back to work", WORK, answered(WORK)),
        ScriptStep(
            "no",
            ic.NO,
            Expect(ic.NO, first=Prompt("declined"), state=DialogState(last=WORK)),
        ),
        # At the phone's main menu, key 3 is the medicines answer.
        press("3", MEDICATION, answered(MEDICATION)),
    ),
)
SCRIPTS = (DRIVING_SCRIPT, CHEST_PAIN_SCRIPT, FOLLOW_UP_SCRIPT, NO_MORE_SCRIPT, HELP_SCRIPT)

CHEST_PAIN_FIRST = Script(
    "chest pain as the first turn",
    # Its state differs: the console and Alexa still owe the disclaimer (test_handlers), the
    # phone said it in its greeting.
    (ScriptStep("my chest hurts", ic.CHEST_PAIN, replace(INSTRUCTION, state=None)),),
)


# How each channel's native output writes the emergency number so it is read digit by digit.
NUMBER_WRITTEN: Mapping[Channel, Callable[[str, str], bool]] = {
    "console": lambda native, number: number in native,
    "alexa": digits_only_in_say_as,
    "phone": lambda native, number: " ".join(number) in native and number not in native,
}


@pytest.fixture
def channels(assistant: Assistant) -> Channels:
    return Channels(assistant)


def mentions(text: str, number: str) -> bool:
    return re.search(rf"(?<!\d){re.escape(number)}(?!\d)", text) is not None


def heard_on_every_channel(
    channels: Channels, assistant: Assistant, script: Script, locale: str = "en-US"
) -> dict[Channel, list[tuple[ScriptStep, Heard]]]:
    return {
        channel: run(script, channels.driver(channel, locale), assistant.catalog)
        for channel in CHANNELS
    }


# -- every script on every channel ----------------------------------------------------------------


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_script(
    channels: Channels, assistant: Assistant, script: Script, locale: str, channel: Channel
) -> None:
    """Every step's expectations hold, and the native output renders the neutral reply
    (checked by the drivers as each turn is heard)."""
    run(script, channels.driver(channel, locale), assistant.catalog)


def test_steps_are_left_out_of_a_channel_only_when_they_are_key_presses() -> None:
    for script in SCRIPTS:
        for step in script.steps:
            assert step.channels == frozenset(CHANNELS) or step.key is not None, step.label


# -- the same answer three ways -------------------------------------------------------------------


def test_the_driving_answer_is_heard_the_same_three_ways(
    channels: Channels, assistant: Assistant
) -> None:
    answer = canonical(assistant.catalog.topic_text(DRIVING, "answer", "en-US"))
    turns = {
        channel: next(heard for step, heard in played if step.intent == DRIVING)
        for channel, played in heard_on_every_channel(channels, assistant, DRIVING_SCRIPT).items()
    }
    for channel, heard in turns.items():
        assert answer in canonical(heard.text), channel
        assert canonical(heard.speech[0]) == answer, channel
    assert len({heard.reply.speech for heard in turns.values()}) == 1, "the replies differ"


@pytest.mark.parametrize("channel", CHANNELS)
def test_chest_pain_in_the_middle_stops_the_topic_with_the_instruction(
    channels: Channels, assistant: Assistant, channel: Channel
) -> None:
    played = run(CHEST_PAIN_SCRIPT, channels.driver(channel), assistant.catalog)
    emergencies = [heard for step, heard in played if step.expect.emergency]
    assert len(emergencies) >= 2
    medication = canonical(assistant.catalog.topic_text(MEDICATION, "answer", "en-US"))
    for heard in emergencies:
        first = canonical(heard.speech[0])
        assert first.startswith(FIRST_SENTENCE)
        assert "call 911 now" in first
        assert medication not in canonical(heard.text)


# -- the emergency number for the user's country ------------------------------------------------


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(("locale", "number"), sorted(EMERGENCY_NUMBERS.items()))
def test_chest_pain_first_gives_the_instruction_with_the_country_number(
    channels: Channels, assistant: Assistant, channel: Channel, locale: str, number: str
) -> None:
    [(_, heard)] = run(CHEST_PAIN_FIRST, channels.driver(channel, locale), assistant.catalog)
    first = canonical(heard.speech[0])
    assert first.startswith(FIRST_SENTENCE)
    assert f"call {number} now" in first
    assert NUMBER_WRITTEN[channel](heard.native, number), heard.native
    for other in set(EMERGENCY_NUMBERS.values()) - {number}:
        assert not mentions(canonical(heard.text), other), other


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_locale_without_an_overlay_hears_no_country_number(
    channels: Channels, assistant: Assistant, channel: Channel
) -> None:
    """fr-FR is a locale Alexa sends but the catalog has no overlay for: generic wording."""
    [(_, heard)] = run(CHEST_PAIN_FIRST, channels.driver(channel, "fr-FR"), assistant.catalog)
    first = canonical(heard.speech[0])
    assert first.startswith(FIRST_SENTENCE)
    assert "call your local emergency number now" in first
    for number in set(EMERGENCY_NUMBERS.values()):
        assert not mentions(heard.native, number), number


@pytest.mark.parametrize("locale", LOCALES)
def test_the_instruction_is_the_same_three_ways(
    channels: Channels, assistant: Assistant, locale: str
) -> None:
    firsts = {
        channel: canonical(played[0][1].speech[0])
        for channel, played in heard_on_every_channel(
            channels, assistant, CHEST_PAIN_FIRST, locale
        ).items()
    }
    assert len(set(firsts.values())) == 1, firsts
