"""The phone dialog: keys, speech and silences in, TwiML pages out, on the shared router.

The router already answers intents and free text (emergency first, weak matches confirmed,
yes/no to offers, repeat, more, help). This layer adds what only a phone line needs: the menu
tree, keypad keys, counting silences, connecting to the care team, and choosing which short
choice follows each reply. It holds no per-call state: everything comes in as a `CallState`
and goes out in the next action URL.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from angiovoice import observe
from angiovoice.assistant import Assistant
from angiovoice.settings import E164, Settings, compact_phone_number
from intents import catalog as ic
from intents.handlers import EMERGENCY_PROMPTS, asks_to_hear_it_again, red_flag
from intents.model import MORE_SUFFIX, DialogState, Reply, Turn
from intents.text import normalise
from intents.understand import CONFIDENT, Understanding
from ivr import menu
from ivr.menu import (
    ANSWER,
    CARE_TEAM_KEY,
    CONFIRM,
    EMERGENCY,
    EMERGENCY_KEY,
    LEVELS,
    MAIN,
    MAIN_MENU_KEY,
    REPEAT_KEY,
    CareTeam,
    GoTo,
    Level,
    Option,
    Replay,
    Route,
)
from ivr.state import MAX_SILENCES, CallState, StateError
from ivr.twiml import (
    TwiML,
    VoiceProfile,
    build_hints,
    dial_page,
    gather_page,
    hangup_page,
    voice_for,
)
from prompts import CatalogError
from prompts.catalog import GENERIC_LOCALE
from prompts.static import GOODBYE, last_resort

log = logging.getLogger(__name__)

CHANNEL = "phone"
# Prompts this module says besides the menus' own.
PROMPTS = (
    "phone_silence_end",
    "phone_silence_chest_pain",
    "phone_connecting",
    "phone_care_team_no_answer",
    "emergency_reprompt",
    "goodbye",
)
ANSWERED = frozenset({"completed", "answered"})
# Replies after which a caller at a menu hears that menu again: not understood, taken in
# ("ok", "thank you"), or declined ("no").
_STAY = frozenset({ic.FALLBACK, ic.YES, ic.NO})
# What a turn's event calls the pages that are not a router reply.
PAGE_MENU = "phone.menu"
PAGE_SILENCE = "phone.silence"
PAGE_CARE_TEAM = "phone.care-team"
PAGE_CARE_TEAM_RESULT = "phone.care-team-result"
_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "star": "*",
}
# A key said with the words callers wrap it in ("um, two please", "number two", "press 2 then").
_KEY_BEFORE = (
    r"(?:(?:um+|uh+|er+|erm+|ah+|ok|okay|so|and|right|well|please|i want|i d like|id like"
    r"|can i have|give me|ill take|i ll take|go for|try|lets try|let s try)\s+)*"
)
_KEY_NAME = r"(?:press|push|option|number|key|press number|press key|option number)"
_KEY_AFTER = r"(?:\s+(?:please|thanks|thank you|then|now))*"
_SPOKEN_KEY = re.compile(
    rf"^{_KEY_BEFORE}(?P<named>{_KEY_NAME}\s+)?"
    rf"(?P<key>{'|'.join([*_DIGIT_WORDS, '[0-9]'])}){_KEY_AFTER}$"
)


@dataclass(frozen=True)
class Key:
    key: str


@dataclass(frozen=True)
class Speech:
    text: str
    key: str | None = None  # a key pressed as well (Twilio sends one or the other)


@dataclass(frozen=True)
class Silence:
    pass


Heard = Key | Speech | Silence


class Urls(Protocol):
    """Where Twilio should post next; the web layer knows the host and the routes."""

    def gather(self, state: CallState) -> str: ...

    def dial(self, state: CallState) -> str: ...


def spoken_key(text: str) -> str | None:
    """The key a caller named by voice ("two", "press 3", "9", "number two please"), if that
    is all they said. "Oh" is zero only when named as a key ("press oh"): said alone it is a
    sound of surprise, and zero can connect the caller to the care team."""
    match = _SPOKEN_KEY.match(normalise(text))
    if match is None or (match["key"] == "oh" and not match["named"]):
        return None
    return _DIGIT_WORDS.get(match["key"], match["key"])


def level_for(reply: Reply) -> str:
    """Which short choice follows a reply of the router."""
    if reply.emergency:
        return EMERGENCY
    if reply.intent in ic.TOPIC_INTENTS:
        if reply.state.last == reply.intent + MORE_SUFFIX:  # its second part, asked for first
            return ANSWER
        return CONFIRM if reply.state.offer == reply.intent else ANSWER
    topic = (reply.state.last or "").removesuffix(MORE_SUFFIX)
    if reply.intent == ic.TELL_ME_MORE and topic in ic.TOPIC_INTENTS:
        return ANSWER  # its second part, or "that's all I have about" it
    return MAIN


def care_team_number(settings: Settings, emergency_numbers: Sequence[str]) -> str | None:
    """The configured care-team number if it is one we may dial; never an emergency number."""
    number = settings.care_team_number
    if not number:
        return None
    compact = compact_phone_number(number)
    if not E164.match(compact):  # Settings.from_env refuses it; a Settings made in code may not
        log.error("CARE_TEAM_NUMBER is not a phone number in E.164 form: ignored")
        return None
    if compact.lstrip("+") in emergency_numbers:
        log.error("CARE_TEAM_NUMBER is an emergency number; this line never dials one: ignored")
        return None
    return compact


class PhoneLine:
    """Builds every page of a call. Built once at start-up; checks its prompts then."""

    def __init__(self, assistant: Assistant, settings: Settings) -> None:
        menu.validate()
        self.catalog = assistant.catalog
        self.router = assistant.router
        self.understander = assistant.understander
        self.locale = self.catalog.resolve_locale(settings.locale)
        self.follow_called_country = settings.locale_from_called_country
        emergency_numbers = [
            self.catalog.locale_values(name)["emergency_number"]
            for name in (*self.catalog.locales, GENERIC_LOCALE)
        ]
        self.care_team = care_team_number(settings, emergency_numbers)
        intents = assistant.intents
        hinted = {name: intents.hint_samples(name) for name in intents.samples}
        self.hints = build_hints(hinted, ic.CHEST_PAIN)
        self._check_prompts()
        # Worked out now, so that answering with them needs nothing at all (see last_resort).
        self._last_resort_pages = {
            name: self._hangup(name, [last_resort(number), GOODBYE])
            for name, number in zip(
                (*self.catalog.locales, GENERIC_LOCALE), emergency_numbers, strict=True
            )
        }

    def last_resort(self, locale: str) -> TwiML:
        """The static page for when nothing else works: the apology, the chest-pain instruction
        with the locale's emergency number (the generic wording for a locale we do not have),
        and a goodbye. Built at start-up; looking it up cannot fail."""
        return self._last_resort_pages.get(locale) or self._last_resort_pages[GENERIC_LOCALE]

    def _check_prompts(self) -> None:
        needed = menu.prompt_keys() | set(PROMPTS)
        missing = sorted(needed - set(self.catalog.prompts))
        if missing:
            raise CatalogError(f"system.toml: the phone line needs prompts {missing}")
        for locale in (*self.catalog.locales, GENERIC_LOCALE):
            for key in needed:
                self._say(locale, key, digit="1", label="x")

    # -- locale --------------------------------------------------------------------------------

    def locale_for(self, to_country: str | None) -> str:
        """The configured locale, or the called number's country's where the deployment opts in;
        a country we have no locale for gets the generic wording."""
        if not self.follow_called_country:
            return self.locale
        return self.catalog.resolve_locale(f"en-{to_country}" if to_country else GENERIC_LOCALE)

    # -- entry points --------------------------------------------------------------------------

    def greet(self, locale: str, urls: Urls) -> TwiML:
        turn = Turn(channel=CHANNEL, locale=locale, intent=ic.LAUNCH, new_session=True)
        return self._render(self._answer(turn), locale, urls)

    def turn(self, locale: str, state: CallState, heard: Heard, urls: Urls) -> TwiML:
        # The turn's event: a menu page, unless a router reply is noted below (see _answer).
        observe.note(intent=PAGE_SILENCE if isinstance(heard, Silence) else PAGE_MENU)
        if isinstance(heard, Silence):
            return self._silence(locale, state, urls)
        if isinstance(heard, Speech):
            understood = self.understander.understand(heard.text)
            if understood.emergency is None:
                key = EMERGENCY_KEY if heard.key == EMERGENCY_KEY else spoken_key(heard.text)
                if key is None:
                    key = self._spoken_choice(state, understood)
                if key is not None:
                    return self._key(locale, state, key, urls)
            log.debug("speech understood as %s (%.2f)", understood.intent, understood.score)
            return self._ask(
                locale, state.dialog, urls, text=heard.text, understood=understood, at=state.level
            )
        return self._key(locale, state, heard.key, urls)

    def _spoken_choice(self, state: CallState, understood: Understanding) -> str | None:
        """The key a few plain requests stand for on the phone, or None.

        "Repeat" is star: this level's prompt again. "Never mind", "cancel that": back to the
        main menu, not hanging up ("goodbye" and "stop" end the call; a weak match to cancel is
        told how to end, as the router tells it). "Can I speak to a nurse?" where 0 connects to
        the care team (after an instruction, with CARE_TEAM_NUMBER set): connecting, as 0 does,
        rather than "I can't put you through".
        """
        if understood.intent == ic.REPEAT or asks_to_hear_it_again(understood.text):
            return REPEAT_KEY  # at a menu, its choices; after an answer, the answer
        if understood.intent == ic.CANCEL and understood.score >= CONFIDENT:
            return MAIN_MENU_KEY
        if (
            understood.intent == ic.SPEAK_TO_SOMEONE
            and understood.score >= CONFIDENT  # not "can you speak slower"
            and state.level == EMERGENCY
            and self.care_team is not None
        ):
            return CARE_TEAM_KEY
        return None

    def dial_result(self, locale: str, state: CallState, status: str, urls: Urls) -> TwiML:
        """After the care-team call: goodbye if it was answered, otherwise the emergency choice."""
        log.info("care team call ended: %s", status)
        observe.note(intent=PAGE_CARE_TEAM_RESULT)
        if status in ANSWERED:
            return self._hangup(locale, [self._say(locale, "goodbye")])
        prefix = [
            self._say(locale, "phone_care_team_no_answer"),
            self._say(locale, EMERGENCY_PROMPTS[red_flag(state.dialog.last)].reprompt),
        ]
        offer = state.dialog.offer
        if offer in ic.TOPIC_INTENTS:  # still on offer, so said again, as after a silence
            title = self.catalog.topic_title(offer, locale)
            prefix.append(self._say(locale, "offer_after_emergency", topic=title))
        emergency = LEVELS[EMERGENCY]
        lines = [*prefix, *self._options(locale, emergency, offer=False)]
        return self._page(locale, lines, CallState(EMERGENCY, 0, state.dialog), urls)

    def apology(self, locale: str, urls: Urls) -> TwiML:
        """The answer to anything that went wrong: sorry, the short emergency advice, the menu."""
        return self._render(self.router.error(Turn(channel=CHANNEL, locale=locale)), locale, urls)

    # -- keys, speech, silence ----------------------------------------------------------------

    def _key(self, locale: str, state: CallState, key: str, urls: Urls) -> TwiML:
        level = LEVELS[state.level]
        option = menu.lookup(
            level,
            key,
            care_team=self.care_team is not None,
            offer=state.dialog.offer is not None,
        )
        # An unknown entry is not logged: a caller may have keyed in a number.
        shown, action = (key, option.action) if option else ("?", "unknown")
        log.debug("key %s at %s -> %s", shown, level.name, action)
        if option is None:
            unknown = self._say(locale, "phone_unknown_key")
            return self._present(locale, level, replace(state, silences=0), urls, [unknown])
        action = option.action
        if isinstance(action, GoTo):
            return self._menu(locale, LEVELS[action.level], state.dialog, urls)
        if isinstance(action, Route):
            return self._ask(locale, state.dialog, urls, intent=action.intent)
        if isinstance(action, Replay):
            if level.kind == "menu":
                return self._menu(locale, level, state.dialog, urls)
            return self._render(self._replay(locale, level, state), locale, urls)
        if isinstance(action, CareTeam) and self.care_team:
            return self._dial_care_team(locale, state, self.care_team, urls)
        raise StateError(f"key {key} has no action at {level.name}")

    def _ask(
        self,
        locale: str,
        dialog: DialogState,
        urls: Urls,
        intent: str | None = None,
        text: str | None = None,
        understood: Understanding | None = None,
        at: str = MAIN,
    ) -> TwiML:
        """The router's reply as a page. Speech not understood at a menu (`at`), only taking
        it in ("ok", "yes", "thank you") or "no" hears that menu again after the reply, not
        the main menu: the caller chose to be there."""
        turn = Turn(channel=CHANNEL, locale=locale, intent=intent, text=text, state=dialog)
        reply = self._answer(turn, understood)
        if reply.intent in _STAY and LEVELS[at].kind == "menu" and not reply.end_session:
            return self._menu(locale, LEVELS[at], reply.state, urls, reply.speech, opening=False)
        return self._render(reply, locale, urls)

    def _answer(self, turn: Turn, understood: Understanding | None = None) -> Reply:
        """The router's reply to what the caller did, noted for the turn's event."""
        reply = self.router.respond(turn, understood)
        observe.note_reply(turn, reply)
        return reply

    def _silence(self, locale: str, state: CallState, urls: Urls) -> TwiML:
        """One reprompt, then the menu again, then a polite goodbye."""
        count = state.silences + 1
        level = LEVELS[state.level]
        log.debug("silence %d at %s", count, level.name)
        if count >= MAX_SILENCES:
            last = state.dialog.last
            # After a red flag's instruction, its own reminder, not chest pain's.
            reminder = (
                EMERGENCY_PROMPTS[last].reminder
                if last in EMERGENCY_PROMPTS
                else "phone_silence_chest_pain"
            )
            keys = ("phone_silence_end", reminder, "goodbye")
            return self._hangup(locale, [self._say(locale, key) for key in keys])
        if count == 1:
            return self._present(locale, level, replace(state, silences=count), urls)
        target = LEVELS[level.after_silence]
        if target.kind == "menu":
            return self._menu(locale, target, state.dialog, urls, silences=count)
        reply = self._replay(locale, target, replace(state, level=target.name))
        return self._render(reply, locale, urls, silences=count)

    def _present(
        self,
        locale: str,
        level: Level,
        state: CallState,
        urls: Urls,
        prefix: Sequence[str] = (),
    ) -> TwiML:
        """The short form of a level, for a reprompt or after an unknown key."""
        if level.kind == "menu":
            if prefix:
                return self._menu(locale, level, state.dialog, urls, prefix, state.silences)
            lines = [self._say(locale, "phone_menu_reprompt")]
            return self._page(locale, lines, state, urls)
        reply = self._replay(locale, level, state)
        lines = [
            *prefix,
            *([reply.reprompt] if reply.reprompt else []),
            *self._options(locale, level, offer=reply.state.offer is not None),
        ]
        return self._page(locale, lines, replace(state, dialog=reply.state), urls)

    def _replay(self, locale: str, level: Level, state: CallState) -> Reply:
        """The reply a reply level was reached with, made again from the state."""
        turn = Turn(channel=CHANNEL, locale=locale, state=state.dialog)
        if level.name == EMERGENCY:  # as the router repeats it: with any topic it offered
            return self.router.respond(
                replace(
                    turn,
                    intent=ic.REPEAT,
                    state=replace(state.dialog, last=red_flag(state.dialog.last)),
                )
            )
        if level.name == CONFIRM:
            offer = state.dialog.offer
            if offer not in ic.TOPIC_INTENTS:
                raise StateError("a confirmation without a topic")
            return self.router.confirm(turn, offer)
        reply = self.router.respond(replace(turn, intent=ic.REPEAT))
        if level_for(reply) != level.name:
            raise StateError(f"nothing to repeat at {level.name}")
        return reply

    def _dial_care_team(self, locale: str, state: CallState, number: str, urls: Urls) -> TwiML:
        log.info("connecting the caller to the care team")
        observe.note(intent=PAGE_CARE_TEAM)
        after = CallState(EMERGENCY, 0, state.dialog)
        return dial_page(
            [self._speakable(locale, self._say(locale, "phone_connecting"))],
            number,
            urls.dial(after),
            self._voice(locale),
        )

    # -- rendering -----------------------------------------------------------------------------

    def _render(self, reply: Reply, locale: str, urls: Urls, silences: int = 0) -> TwiML:
        """A router reply as a page: its speech, then the choice for the level it leads to."""
        if reply.end_session:
            return self._hangup(locale, reply.speech)
        level = LEVELS[level_for(reply)]
        if level.kind == "menu":
            opening = reply.intent not in menu.NAME_THE_EMERGENCY_KEY
            return self._menu(
                locale, level, reply.state, urls, reply.speech, silences, opening=opening
            )
        lines = [*reply.speech, *self._options(locale, level, offer=reply.state.offer is not None)]
        return self._page(locale, lines, CallState(level.name, silences, reply.state), urls)

    def _menu(
        self,
        locale: str,
        level: Level,
        dialog: DialogState,
        urls: Urls,
        prefix: Sequence[str] = (),
        silences: int = 0,
        opening: bool = True,
    ) -> TwiML:
        lines = [*prefix]
        if opening:
            lines.extend(self._say(locale, key, digit=EMERGENCY_KEY) for key in level.opening)
        lines.extend(self._options(locale, level, offer=False))
        lines.extend(self._say(locale, key) for key in level.closing)
        # A menu is a new question: nothing is on offer for a "yes" any more, and a red flag's
        # instruction is behind the caller (what they say next is not about it).
        last = None if dialog.last in EMERGENCY_PROMPTS else dialog.last
        heard = last is not None and dialog.all_heard
        # After the news that chest pain eased, "it's back" is still the other person's pain.
        theirs = last == ic.PAIN_EASED and dialog.someone_else
        kept = DialogState(last=last, all_heard=heard, someone_else=theirs)
        state = CallState(level.name, silences, kept)
        return self._page(locale, lines, state, urls)

    def _options(self, locale: str, level: Level, offer: bool) -> list[str]:
        spoken = menu.spoken_options(level, offer=offer, care_team=self.care_team is not None)
        return [self._option(locale, option) for option in spoken]

    def _option(self, locale: str, option: Option) -> str:
        assert option.prompt is not None
        label = option.label
        if label is None:
            return self._say(locale, option.prompt, digit=option.key)
        if label in ic.TOPIC_INTENTS:
            text = self.catalog.topic_title(label, locale)
        else:
            text = self._say(locale, label)
        return self._say(locale, option.prompt, digit=option.key, label=text)

    def _page(self, locale: str, lines: Sequence[str], state: CallState, urls: Urls) -> TwiML:
        speakable = [self._speakable(locale, line) for line in lines]
        return gather_page(speakable, urls.gather(state), self._voice(locale), self.hints)

    def _hangup(self, locale: str, lines: Sequence[str]) -> TwiML:
        return hangup_page([self._speakable(locale, line) for line in lines], self._voice(locale))

    def _say(self, locale: str, prompt: str, **params: str) -> str:
        return self.catalog.say(prompt, locale, CHANNEL, **params)

    def _speakable(self, locale: str, text: str) -> str:
        return self.catalog.speakable(text, locale)

    def _voice(self, locale: str) -> VoiceProfile:
        # The generic locale speaks with the configured line's voice.
        return voice_for(locale if locale != GENERIC_LOCALE else self.locale)
