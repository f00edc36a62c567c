"""The menu tree as data, and the words that go with it: the rules it keeps, and that every
key a prompt names is the key the menu uses."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from angiovoice.assistant import Assistant
from angiovoice.settings import Settings
from intents import catalog as ic
from intents.model import DialogState, Reply
from ivr import menu
from ivr.call import PhoneLine, level_for, spoken_key
from ivr.twiml import MAX_HINT_CHARS, MAX_HINTS, VOICES, build_hints, gather_page

SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
LOCALES = ("en-US", "en-GB", "en-IN", "en-CA", "en-AU", "default")


def test_the_tree_keeps_its_rules() -> None:
    menu.validate()
    for level in menu.LEVELS.values():
        if level.kind == "menu":
            assert 1 <= len(level.options) <= menu.MAX_MENU_CHOICES
    assert menu.reachable_topics() == frozenset(ic.TOPIC_INTENTS)


def test_a_broken_tree_is_refused() -> None:
    main = menu.LEVELS[menu.MAIN]
    six = tuple(
        menu.Option(str(n), menu.Route("DrivingIntent"), "phone_option", "DrivingIntent")
        for n in range(1, 7)
    )
    cases = {
        "choices": replace(main, options=six),
        "everywhere": replace(main, options=(menu.Option("9", menu.GoTo(menu.MAIN)),)),
        "twice": replace(main, options=(main.options[0], main.options[0])),
        "goes nowhere": replace(main, options=(menu.Option("1", menu.GoTo("attic")),)),
        "names no intent": replace(main, options=(menu.Option("1", menu.Route("Pizza")),)),
    }
    for message, broken in cases.items():
        with pytest.raises(ValueError, match=message):
            menu.validate({**menu.LEVELS, menu.MAIN: broken})
    without_stent = {**menu.LEVELS, menu.MAIN: replace(main, options=main.options[:3])}
    with pytest.raises(ValueError, match="StentIntent"):
        menu.validate(without_stent)


def test_the_keys_that_work_everywhere_work_everywhere() -> None:
    for level in menu.LEVELS.values():
        option = menu.lookup(level, menu.EMERGENCY_KEY, care_team=True)
        assert option is not None and option.action == menu.Route(ic.CHEST_PAIN)
        assert menu.lookup(level, menu.REPEAT_KEY, care_team=True) == menu.GLOBAL_OPTIONS[1]
        back = menu.lookup(level, menu.MAIN_MENU_KEY, care_team=True)
        assert back is not None and back.action == menu.GoTo(menu.MAIN)


def test_the_care_team_key_exists_only_when_configured() -> None:
    emergency = menu.LEVELS[menu.EMERGENCY]
    assert menu.lookup(emergency, "0", care_team=False) is None
    option = menu.lookup(emergency, "0", care_team=True)
    assert option is not None and option.action == menu.CareTeam()
    spoken = menu.spoken_options(emergency, offer=False, care_team=True)
    assert [o.key for o in spoken] == ["0", menu.MAIN_MENU_KEY]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_words_name_the_keys_the_menu_uses(assistant: Assistant, locale: str) -> None:
    catalog = assistant.catalog

    def phone(key: str) -> str:
        return catalog.say(key, locale, "phone", topic="driving")

    first = SENTENCE_END.split(phone("welcome"))[0]
    assert f"press {menu.EMERGENCY_KEY}" in first and "chest pain" in first
    # the replies after which the main menu does not repeat the emergency key say it themselves
    prompt_of = {ic.LAUNCH: "welcome", ic.HELP: "help", ic.FALLBACK: "fallback"}
    assert set(prompt_of) == menu.NAME_THE_EMERGENCY_KEY
    for prompt in prompt_of.values():
        assert f"press {menu.EMERGENCY_KEY} or say chest pain" in phone(prompt)
    assert menu.REPEAT_KEY == "*" and "press star" in phone("phone_key_repeat")
    assert "press star" in phone("phone_menu_reprompt")
    # the emergency reply says "press 1", which the emergency level maps to repeat
    assert "press 1 or say repeat" in phone("emergency_after")
    assert "press 1 or say repeat" in phone("emergency_reprompt")
    one = menu.lookup(menu.LEVELS[menu.EMERGENCY], "1", care_team=False)
    assert one is not None and one.action == menu.Route(ic.REPEAT)
    # the phone's confirm question leaves the keys to the confirm level's options
    assert "press" not in phone("confirm") and "Say yes or no" not in phone("confirm")


def test_every_menu_prompt_exists_for_every_locale(assistant: Assistant) -> None:
    for key in menu.prompt_keys():
        assert key in assistant.catalog.prompts, key


def test_hints_stay_within_twilio_limits(assistant: Assistant) -> None:
    hints = build_hints(assistant.intents.samples, ic.CHEST_PAIN).split(", ")
    assert 0 < len(hints) <= MAX_HINTS
    assert all(0 < len(hint) <= MAX_HINT_CHARS for hint in hints)
    assert len(hints) == len(set(hints))
    assert "chest pain" in hints and "heart attack" in hints
    covered = {i for i, s in assistant.intents.samples.items() if set(s) & set(hints)}
    assert covered == set(assistant.intents.samples)


def test_the_lines_hints_hold_no_slip(assistant: Assistant) -> None:
    """Hints pull the recogniser towards their words: never "chess pain" or "angioplasy"."""
    intents = assistant.intents
    slips = intents.misspelt | intents.misheard
    hints = PhoneLine(assistant, Settings(dev=True)).hints.split(", ")
    assert "chess" in intents.misheard and "angioplasy" in intents.misspelt
    assert not [hint for hint in hints if slips & set(hint.split())]
    assert "chest pain" in hints and "what is a stent" in hints


def test_hints_are_capped_even_for_a_huge_catalog() -> None:
    samples = {f"Intent{n}": [f"phrase {n} {m}" for m in range(40)] for n in range(100)}
    samples["Long"] = ["x" * 101, "ok"]
    hints = build_hints(samples, "Intent0").split(", ")
    assert len(hints) == MAX_HINTS and "x" * 101 not in hints and "ok" in hints


def test_a_cached_page_is_the_page_for_exactly_its_inputs() -> None:
    # Waiting pages are served from a cache: every input must be part of its key.
    args = (["Hello.", "Press 1."], "/twilio/gather?at=main&s=0", VOICES["en-US"], "yes, no")
    page = gather_page(*args)
    assert gather_page(*args) == page and gather_page(tuple(args[0]), *args[1:]) == page
    changed = [
        (["Hello.", "Press 2."], *args[1:]),
        (args[0], "/twilio/gather?at=main&s=1", *args[2:]),
        (*args[:2], VOICES["en-GB"], args[3]),
        (*args[:3], "yes, no, maybe"),
    ]
    pages = {gather_page(*other) for other in changed}
    assert page not in pages and len(pages) == len(changed)


@pytest.mark.parametrize(
    ("words", "key"),
    [
        ("two", "2"),
        ("Press 3.", "3"),
        ("option four", "4"),
        ("9", "9"),
        ("star", "*"),
        # the words callers wrap a key in
        ("two please", "2"),
        ("number two please", "2"),
        ("press 2 please", "2"),
        ("um, two", "2"),
        ("press oh", "0"),
    ],
)
def test_a_spoken_key_is_recognised(words: str, key: str) -> None:
    assert spoken_key(words) == key


@pytest.mark.parametrize(
    # "oh" alone is surprise, not zero (which may connect the call to the care team)
    "words",
    ["two stents", "press", "one more time", "", "twenty", "oh", "oh!", "please", "two weeks"],
)
def test_other_words_are_not_keys(words: str) -> None:
    assert spoken_key(words) is None


def _reply(intent: str, state: DialogState, emergency: bool = False) -> Reply:
    return Reply(("x",), None, "t", "x", False, emergency, intent, state)


def test_each_reply_leads_to_its_level() -> None:
    topic = "DrivingIntent"
    assert level_for(_reply(ic.CHEST_PAIN, DialogState(), emergency=True)) == menu.EMERGENCY
    assert level_for(_reply(topic, DialogState(last=topic, offer=f"{topic}#more"))) == "answer"
    assert level_for(_reply(topic, DialogState(offer=topic))) == menu.CONFIRM
    more = DialogState(last=f"{topic}#more", offer="WorkIntent")
    assert level_for(_reply(ic.TELL_ME_MORE, more)) == menu.ANSWER
    assert level_for(_reply(ic.TELL_ME_MORE, DialogState(last=ic.LAUNCH))) == menu.MAIN
    for intent in (ic.HELP, ic.FALLBACK, ic.NO, ic.START_OVER, ic.LAUNCH, "Error"):
        assert level_for(_reply(intent, DialogState())) == menu.MAIN
