"""The call's state, carried in the query string of the next action URL.

No server-side session: the menu level, the silence count and the shared `DialogState` (what
was said last, what a "yes" would accept) ride in the URL Twilio requests next, so any worker
can take any turn and a restart loses no call. Twilio signs the whole URL, query included, so
in production a caller cannot change it; everything read back is still checked, and anything
unexpected raises `StateError`, which the blueprint answers with an apology and the main menu.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlencode

from intents import catalog as ic
from intents.model import ABOUT_KEY, BEFORE_SEPARATOR, HEARD_KEY, MORE_SUFFIX, DialogState
from ivr.menu import LEVELS, MAIN

# Silences heard so far at this level; the third one ends the call, so 0..2 ride in URLs.
MAX_SILENCES = 3
_SILENCE_VALUES = frozenset(str(n) for n in range(MAX_SILENCES))
_MAX_VALUE = 120  # "before" may name three topics
LEVEL_PARAM = "at"
SILENCE_PARAM = "s"
_DIALOG_PARAMS = ("last", "offer", "before", HEARD_KEY, ABOUT_KEY)
_FLAG_PARAMS = frozenset({HEARD_KEY, ABOUT_KEY})  # a fixed value, not an intent
KNOWN_PARAMS = frozenset({LEVEL_PARAM, SILENCE_PARAM, *_DIALOG_PARAMS})


class StateError(ValueError):
    """The query string was not one this app wrote."""


@dataclass(frozen=True)
class CallState:
    level: str = MAIN
    silences: int = 0
    dialog: DialogState = field(default_factory=DialogState)

    def to_query(self) -> dict[str, str]:
        # Only what a call needs of the dialog: a call never owes the disclaimer (its greeting
        # says it), so that flag never rides in a URL.
        dialog = self.dialog.to_dict()
        return {
            LEVEL_PARAM: self.level,
            SILENCE_PARAM: str(self.silences),
            **{name: dialog[name] for name in _DIALOG_PARAMS if name in dialog},
        }

    def query_string(self) -> str:
        """The state as the query string of an action URL (`from_query` reads it back)."""
        return _query_string(self)

    @classmethod
    def from_query(cls, args: Mapping[str, list[str]]) -> CallState:
        """Read the state back from a query string parsed as name -> list of values.

        Raises StateError for a missing level, an unknown level, a silence count out of range,
        a repeated parameter, or a dialog value that is not an intent this app knows.
        """
        values: dict[str, str] = {}
        for name in KNOWN_PARAMS:
            given = args.get(name, [])
            if len(given) > 1:
                raise StateError(f"{name} is repeated")
            if given:
                if len(given[0]) > _MAX_VALUE:
                    raise StateError(f"{name} is too long")
                values[name] = given[0]
        level = values.get(LEVEL_PARAM, "")
        if level not in LEVELS:
            raise StateError("unknown or missing menu level")
        silences = values.get(SILENCE_PARAM, "0")
        if silences not in _SILENCE_VALUES:
            raise StateError("silence count out of range")
        raw = {name: values[name] for name in _DIALOG_PARAMS if name in values}
        dialog = DialogState.from_mapping(raw)
        read = dialog.to_dict()
        for name, value in raw.items():
            if read.get(name) != value:
                raise StateError(f"{name} is not a value this app writes")
            written = _last_written if name == "last" else _topic_written
            if name not in _FLAG_PARAMS and not all(map(written, value.split(BEFORE_SEPARATOR))):
                raise StateError(f"{name} is not a known intent")
        last = (dialog.last or "").removesuffix(MORE_SUFFIX)
        if dialog.all_heard and last not in ic.TOPIC_INTENTS:
            raise StateError(f"{HEARD_KEY} without a topic")
        if dialog.someone_else and last not in _SAID_OF_SOMEONE:
            raise StateError(f"{ABOUT_KEY} without a red flag")
        return cls(level=level, silences=int(silences), dialog=dialog)


@lru_cache(maxsize=1024)
def _query_string(state: CallState) -> str:
    # A call moves between a few hundred states (level, silences, last intent, offer), and
    # every page writes one into its action URL: each is encoded once.
    return urlencode(state.to_query())


_KNOWN = ic.ALL_INTENTS | {ic.LAUNCH, ic.PAIN_EASED}
# What the caregiver flag may ride with: a red flag's instruction, or the news it eased.
_SAID_OF_SOMEONE = frozenset({*ic.EMERGENCY_INTENTS, ic.PAIN_EASED})


def _last_written(value: str) -> bool:
    """A `last` this app writes: an intent it knows, or a topic's second part."""
    if value.endswith(MORE_SUFFIX):
        return value.removesuffix(MORE_SUFFIX) in ic.TOPIC_INTENTS
    return value in _KNOWN


def _topic_written(value: str) -> bool:
    """An `offer` or a part of `before`: a topic, or its second part."""
    return value.removesuffix(MORE_SUFFIX) in ic.TOPIC_INTENTS
