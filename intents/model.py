"""The neutral turn and reply that every channel converts to and from.

Nothing here knows about Alexa, Twilio or Flask: a channel turns its native request into a
`Turn`, the shared router answers with a `Reply`, and the channel turns that into its native
response. Dialog state travels inside the turn and the reply, never on the server.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# A state value is an intent name, optionally with a part ("DrivingIntent#more").
_STATE_VALUE = re.compile(r"[A-Za-z][A-Za-z.]{0,63}(#more)?")

MORE_SUFFIX = "#more"
_DISCLAIMER_KEY = "disclaimer"
_OWED = "owed"
HEARD_KEY = "heard"
HEARD_ALL = "all"
ABOUT_KEY = "about"
ABOUT_SOMEONE = "someone"
# The answers given before `last` in one reply to several questions (each a topic, or a topic's
# second part): at most this many, written as one value, comma-separated. One reply answers at
# most MAX_BEFORE + 1 questions.
MAX_BEFORE = 3
BEFORE_SEPARATOR = ","


@dataclass(frozen=True)
class DialogState:
    """What the conversation needs to remember between turns.

    last:  what was said last, so "repeat" and "tell me more" know what to act on: an intent,
           a topic's second part ("DrivingIntent#more"), or "ChestPainEased" (the news that
           chest pain eased, ic.PAIN_EASED).
    offer: what a "yes" would accept (an intent name, or an intent name with "#more").
    disclaimer_owed: the conversation began with something other than the welcome or an
           answer (an emergency instruction, help), so the disclaimer is still to be said,
           before the first answer.
    before: what was said before `last` in the same reply, in order, when several questions
           were asked in one breath (a topic, or "DrivingIntent#more" for its second part):
           "repeat" says them all again.
    all_heard: both parts of `last`'s topic have been said (its answer and its "more", in
           either order), so "tell me more" has nothing more to say about it. Without it, a
           `last` of "DrivingIntent#more" is a second part asked for first.
    someone_else: the red flag in `last` was said of someone else ("my husband is clutching
           his chest"), so its instruction, said again, tells the caregiver it is theirs to
           help with.
    """

    last: str | None = None
    offer: str | None = None
    disclaimer_owed: bool = False
    before: tuple[str, ...] = ()
    all_heard: bool = False
    someone_else: bool = False

    def to_dict(self) -> dict[str, str]:
        pairs = (("last", self.last), ("offer", self.offer))
        values = {key: value for key, value in pairs if value}
        if self.disclaimer_owed:
            values[_DISCLAIMER_KEY] = _OWED
        if self.all_heard and self.last:
            values[HEARD_KEY] = HEARD_ALL
        if self.someone_else and self.last:
            values[ABOUT_KEY] = ABOUT_SOMEONE
        if self.before:
            values["before"] = BEFORE_SEPARATOR.join(self.before)
        return values

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> DialogState:
        """Read state from a transport (session attributes, a query string).

        Anything malformed or tampered with is dropped rather than trusted: the worst a bad
        value can do is make "repeat" have nothing to repeat.
        """
        if not data:
            return cls()
        last = _clean(data.get("last"))
        return cls(
            last=last,
            offer=_clean(data.get("offer")),
            disclaimer_owed=data.get(_DISCLAIMER_KEY) == _OWED,
            before=_topics_before(data.get("before")) if last else (),
            all_heard=last is not None and data.get(HEARD_KEY) == HEARD_ALL,
            someone_else=last is not None and data.get(ABOUT_KEY) == ABOUT_SOMEONE,
        )


def _clean(value: Any) -> str | None:
    if isinstance(value, str) and _STATE_VALUE.fullmatch(value):
        return value
    return None


def _topics_before(value: Any) -> tuple[str, ...]:
    """`before` read back: all of it, or nothing if any part is malformed."""
    if not isinstance(value, str) or not value:
        return ()
    topics = tuple(value.split(BEFORE_SEPARATOR))
    if len(topics) > MAX_BEFORE or any(_clean(topic) is None for topic in topics):
        return ()
    return topics


@dataclass(frozen=True)
class Turn:
    """One thing the user did: an intent a platform recognised, or raw text to understand."""

    channel: str
    locale: str
    intent: str | None = None
    text: str | None = None
    state: DialogState = field(default_factory=DialogState)
    new_session: bool = False


@dataclass(frozen=True)
class Reply:
    """What to say back, independent of any channel.

    speech is spoken in order, one paragraph per item; reprompt is said after a silence when the
    conversation stays open; the card is for screens and apps.
    """

    speech: tuple[str, ...]
    reprompt: str | None
    card_title: str
    card_text: str
    end_session: bool
    emergency: bool
    intent: str
    state: DialogState
    score: float | None = None

    @property
    def text(self) -> str:
        """The whole spoken answer as one string, for consoles and logs."""
        return " ".join(self.speech)
