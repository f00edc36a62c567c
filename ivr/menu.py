"""The phone menu tree, as data: for each level, a map from keypad key to action.

A level is either a menu (the caller picks a group or a topic) or the short choice that follows
something the shared router said (an answer, the emergency instruction, a "did you mean"
question). Three keys mean the same at every level: 9 gives the chest-pain instruction, star
repeats, 8 returns to the main menu. Every sentence is a prompt key in prompts/data/system.toml;
an option's {label} is either a prompt key or a topic intent, whose title the catalog has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from intents import catalog as ic

EMERGENCY_KEY = "9"
REPEAT_KEY = "*"
MAIN_MENU_KEY = "8"
CARE_TEAM_KEY = "0"  # after an emergency instruction, with CARE_TEAM_NUMBER set
KEYS = frozenset("0123456789*#")
MAX_MENU_CHOICES = 5

MAIN = "main"
PROCEDURE = "procedure"
PROCEDURE_DAY = "procedure_day"
RECOVERY = "recovery"
STENT = "stent"
LIVING = "living"
MEDICINES = "medicines"
ANSWER = "answer"
CONFIRM = "confirm"
EMERGENCY = "emergency"


@dataclass(frozen=True)
class GoTo:
    """Present another menu level."""

    level: str


@dataclass(frozen=True)
class Route:
    """Send an intent through the shared router, as if the caller had said it."""

    intent: str


@dataclass(frozen=True)
class Replay:
    """Say again what was said at this level."""


@dataclass(frozen=True)
class CareTeam:
    """Connect the caller to the care team (only when CARE_TEAM_NUMBER is configured)."""


Action = GoTo | Route | Replay | CareTeam
When = Literal["always", "offer", "care_team"]


@dataclass(frozen=True)
class Option:
    """One key at one level.

    prompt: the sentence that offers the option; None when the router's reply already offers it
        ("press 1 or say repeat" is part of the emergency reply).
    label: fills {label} in the prompt: a prompt key, or a topic intent (its title is used).
    when: "offer" options are spoken only when the reply offered something to say yes to;
        "care_team" options exist only when a care-team number is configured.
    """

    key: str
    action: Action
    prompt: str | None = None
    label: str | None = None
    when: When = "always"


@dataclass(frozen=True)
class Level:
    """kind "menu": options are the menu; kind "reply": options follow a reply of the router.

    opening / closing: prompt keys said before / after the options.
    after_silence: the level presented in full after the second silence.
    offers_main_menu: whether the main-menu key is spoken here.
    """

    name: str
    kind: Literal["menu", "reply"]
    options: tuple[Option, ...]
    after_silence: str
    opening: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    offers_main_menu: bool = True


def _topics(*intents: str) -> tuple[Option, ...]:
    return tuple(
        Option(str(number), Route(intent), "phone_option", label=intent)
        for number, intent in enumerate(intents, start=1)
    )


# The keys that work at every level. Level options never reuse them (checked by validate()).
GLOBAL_OPTIONS: tuple[Option, ...] = (
    Option(EMERGENCY_KEY, Route(ic.CHEST_PAIN)),
    Option(REPEAT_KEY, Replay()),
    Option(MAIN_MENU_KEY, GoTo(MAIN), "phone_key_main_menu"),
)

LEVELS: Mapping[str, Level] = {
    level.name: level
    for level in (
        Level(
            MAIN,
            "menu",
            (
                Option("1", GoTo(PROCEDURE), "phone_option", label="phone_label_procedure"),
                Option("2", GoTo(RECOVERY), "phone_option", label="phone_label_recovery"),
                Option("3", Route("MedicationIntent"), "phone_option", label="MedicationIntent"),
                Option("4", GoTo(STENT), "phone_option", label="phone_label_stent"),
                Option("5", GoTo(MEDICINES), "phone_option", label="phone_label_medicines"),
            ),
            after_silence=MAIN,
            opening=("phone_menu_chest_pain",),
            closing=("phone_menu_ask", "phone_key_repeat"),
            offers_main_menu=False,
        ),
        Level(
            PROCEDURE,
            "menu",
            (
                *_topics("WhatIsAngioplastyIntent", "WhoNeedsItIntent"),
                Option("3", GoTo(PROCEDURE_DAY), "phone_option", label="phone_label_procedure_day"),
                Option("4", Route("BenefitsIntent"), "phone_option", label="BenefitsIntent"),
                Option("5", Route("RisksIntent"), "phone_option", label="RisksIntent"),
            ),
            after_silence=PROCEDURE,
        ),
        Level(
            PROCEDURE_DAY,
            "menu",
            _topics("ProcedureIntent", "ProcedureDurationIntent", "AccessSiteIntent"),
            after_silence=PROCEDURE_DAY,
        ),
        Level(
            RECOVERY,
            "menu",
            _topics(
                "HospitalStayIntent",
                "DrivingIntent",
                "WorkIntent",
                "ActivityIntent",
                "WoundCareIntent",
            ),
            after_silence=RECOVERY,
        ),
        Level(
            STENT,
            "menu",
            (
                *_topics(
                    "StentIntent",
                    "CardiacRehabIntent",
                    "SecurityScreeningIntent",
                    "StentLifetimeIntent",
                ),
                Option("5", GoTo(LIVING), "phone_option", label="phone_label_living"),
            ),
            after_silence=STENT,
        ),
        Level(
            LIVING,
            "menu",
            _topics("LifestyleIntent", "SexIntent", "FlyingIntent"),
            after_silence=LIVING,
        ),
        Level(
            MEDICINES,
            "menu",
            _topics("MedicationSideEffectsIntent", "NitrateIntent", "DizzinessIntent"),
            after_silence=MEDICINES,
        ),
        # After a topic answer, or its "more" part: the router has just asked a yes/no question.
        Level(
            ANSWER,
            "reply",
            (
                Option("2", Route(ic.YES), "phone_key_yes", when="offer"),
                Option("1", Route(ic.REPEAT), "phone_key_again"),
                Option("3", Route(ic.STOP), "phone_key_goodbye"),
            ),
            after_silence=MAIN,
        ),
        # After "Did you want to know about driving?". Yes is 2, as after an answer and an
        # instruction (where 1 hears it again): a key never means yes on one page and no on
        # another. "No" leads to the main menu, so its key is the main menu's.
        Level(
            CONFIRM,
            "reply",
            (Option("2", Route(ic.YES), "phone_key_yes"),),
            after_silence=MAIN,
        ),
        # After the emergency instruction, whose reply already says "press 1 or say repeat",
        # and "press 2 or say yes" to a question asked with the red flag (offer_after_emergency).
        Level(
            EMERGENCY,
            "reply",
            (
                Option("1", Route(ic.REPEAT)),
                Option("2", Route(ic.YES), when="offer"),
                Option(CARE_TEAM_KEY, CareTeam(), "phone_key_care_team", when="care_team"),
            ),
            after_silence=EMERGENCY,
        ),
    )
}

# Replies whose phone wording already tells the caller about the emergency key, so the main
# menu that follows them does not say it again.
NAME_THE_EMERGENCY_KEY = frozenset({ic.LAUNCH, ic.HELP, ic.FALLBACK})


def lookup(level: Level, key: str, care_team: bool, offer: bool = False) -> Option | None:
    """The option a key selects at a level, or None for a key that means nothing there: as
    `spoken_options`, a "yes" key counts only while something is offered."""
    for option in (*level.options, *GLOBAL_OPTIONS):
        if (
            option.key == key
            and (option.when != "care_team" or care_team)
            and (option.when != "offer" or offer)
        ):
            return option
    return None


def spoken_options(level: Level, offer: bool, care_team: bool) -> tuple[Option, ...]:
    """The options a caller hears at a level, in the order they are said."""
    spoken = [
        option
        for option in level.options
        if option.prompt
        and (option.when != "offer" or offer)
        and (option.when != "care_team" or care_team)
    ]
    if level.offers_main_menu:
        spoken.extend(o for o in GLOBAL_OPTIONS if o.prompt and isinstance(o.action, GoTo))
    return tuple(spoken)


def prompt_keys(levels: Iterable[Level] = LEVELS.values()) -> frozenset[str]:
    """Every prompt key the menus use (for the start-up check against the catalog)."""
    keys: set[str] = {"phone_menu_reprompt", "phone_unknown_key"}
    for level in levels:
        keys.update(level.opening, level.closing)
        for option in (*level.options, *GLOBAL_OPTIONS):
            if option.prompt:
                keys.add(option.prompt)
            if option.label and option.label not in ic.TOPIC_INTENTS:
                keys.add(option.label)
    return frozenset(keys)


def reachable_topics(levels: Mapping[str, Level] = LEVELS) -> frozenset[str]:
    """The topic intents a caller can reach by keys alone, from the main menu."""
    seen: set[str] = set()
    found: set[str] = set()
    todo = [MAIN]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for option in levels[name].options:
            if isinstance(option.action, GoTo):
                todo.append(option.action.level)
            elif isinstance(option.action, Route) and option.action.intent in ic.TOPIC_INTENTS:
                found.add(option.action.intent)
    return frozenset(found)


def validate(levels: Mapping[str, Level] = LEVELS) -> None:
    """Raise ValueError if the tree breaks its own rules. Run at start-up and in the tests."""
    global_keys = {option.key for option in GLOBAL_OPTIONS}
    for name, level in levels.items():
        if name != level.name:
            raise ValueError(f"menu level {name!r} is named {level.name!r}")
        keys = [option.key for option in level.options]
        if len(keys) != len(set(keys)):
            raise ValueError(f"menu level {name!r}: a key is used twice")
        if set(keys) & global_keys:
            raise ValueError(f"menu level {name!r}: reuses a key that works everywhere")
        if not set(keys) <= KEYS:
            raise ValueError(f"menu level {name!r}: keys must be one of {sorted(KEYS)}")
        if level.kind == "menu" and not 1 <= len(level.options) <= MAX_MENU_CHOICES:
            raise ValueError(f"menu level {name!r}: 1 to {MAX_MENU_CHOICES} choices")
        if level.after_silence not in levels:
            raise ValueError(f"menu level {name!r}: after_silence is not a level")
        for option in level.options:
            target = option.action
            if isinstance(target, GoTo) and target.level not in levels:
                raise ValueError(f"menu level {name!r}: key {option.key} goes nowhere")
            if isinstance(target, Route) and target.intent not in ic.ALL_INTENTS:
                raise ValueError(f"menu level {name!r}: key {option.key} names no intent")
    missing = set(ic.TOPIC_INTENTS) - reachable_topics(levels)
    if missing:
        raise ValueError(f"topics no key reaches: {sorted(missing)}")
