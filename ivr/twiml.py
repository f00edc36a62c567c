"""TwiML pages, built with twilio's VoiceResponse (never XML strings), and what goes in them:
the voice and recognition language per locale, and the speech-recognition hints.

Every page that waits for the caller is one <Gather input="dtmf speech"> holding the prompts,
so a key press or speech interrupts any of them (barge-in), followed by a <Redirect> to the same
action URL: if the Gather ever ends without posting, the redirect counts as a silence.
The functions here take finished, speakable sentences; they know nothing about the catalog,
and return the finished document.

A page is a pure function of its sentences, action URL, voice and hints, and a line has a few
hundred distinct pages per locale (its menus and answers, each at a handful of dialog states),
so waiting pages are serialised once and then served from a bounded cache: building the XML
with the Twilio library is the largest cost of a phone turn after the understanding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NewType

from twilio.twiml.voice_response import VoiceResponse  # type: ignore[import-untyped]

GATHER_TIMEOUT = 6  # seconds of silence after the prompts before the Gather gives up
DIAL_TIMEOUT = 25  # seconds the care team's phone rings
MAX_HINTS = 500  # Twilio: at most 500 hints...
MAX_HINT_CHARS = 100  # ...of at most 100 characters each
HINTS_PER_INTENT = 6
EMERGENCY_HINTS = 12
MAX_SAY_CHARS = 4000  # Twilio refuses a <Say> of 4096 characters or more
PAGE_CACHE_SIZE = 2048  # distinct waiting pages kept per process, a few kilobytes each
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")

TwiML = NewType("TwiML", str)
"""A finished TwiML document."""


@dataclass(frozen=True)
class VoiceProfile:
    """How the line speaks and listens for a locale."""

    voice: str
    say_language: str
    gather_language: str


# Amazon Polly standard voices, which Twilio offers for <Say>. en-CA speaks with the en-US voice
# and listens for Canadian English.
VOICES: Mapping[str, VoiceProfile] = {
    "en-US": VoiceProfile("Polly.Joanna", "en-US", "en-US"),
    "en-GB": VoiceProfile("Polly.Amy", "en-GB", "en-GB"),
    "en-IN": VoiceProfile("Polly.Raveena", "en-IN", "en-IN"),
    "en-AU": VoiceProfile("Polly.Nicole", "en-AU", "en-AU"),
    "en-CA": VoiceProfile("Polly.Joanna", "en-US", "en-CA"),
}
DEFAULT_VOICE = VOICES["en-US"]


def voice_for(locale: str) -> VoiceProfile:
    return VOICES.get(locale, DEFAULT_VOICE)


def build_hints(samples: Mapping[str, Sequence[str]], emergency_intent: str) -> str:
    """Speech hints from the intent catalog's sample utterances.

    The shortest samples of each intent, taken in turn across intents so every intent is
    represented, without duplicates, within Twilio's limits (500 hints of 100 characters).
    Samples are lowercase words, so they never contain the comma that separates hints.
    """
    chosen: list[str] = []
    seen: set[str] = set()
    queues = {
        intent: sorted(
            {s for s in values if 0 < len(s) <= MAX_HINT_CHARS and "," not in s},
            key=lambda s: (len(s), s),
        )[: EMERGENCY_HINTS if intent == emergency_intent else HINTS_PER_INTENT]
        for intent, values in samples.items()
    }
    round_number = 0
    while len(chosen) < MAX_HINTS and any(round_number < len(q) for q in queues.values()):
        for queue in queues.values():
            if round_number < len(queue) and queue[round_number] not in seen:
                seen.add(queue[round_number])
                chosen.append(queue[round_number])
                if len(chosen) == MAX_HINTS:
                    break
        round_number += 1
    return ", ".join(chosen)


def _chunks(paragraph: str) -> list[str]:
    """A paragraph cut at sentence ends into pieces a <Say> accepts."""
    paragraph = " ".join(paragraph.split())
    if len(paragraph) <= MAX_SAY_CHARS:
        return [paragraph] if paragraph else []
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(paragraph):
        while len(sentence) > MAX_SAY_CHARS:
            pieces.append(sentence[:MAX_SAY_CHARS])
            sentence = sentence[MAX_SAY_CHARS:]
        if current and len(current) + 1 + len(sentence) > MAX_SAY_CHARS:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces


def _say_all(target: VoiceResponse, paragraphs: Sequence[str], voice: VoiceProfile) -> None:
    for paragraph in paragraphs:
        for chunk in _chunks(paragraph):
            target.say(chunk, voice=voice.voice, language=voice.say_language)


def gather_page(paragraphs: Sequence[str], action: str, voice: VoiceProfile, hints: str) -> TwiML:
    """Say the paragraphs inside a Gather that takes one key or speech, then wait."""
    return _gather_page(tuple(paragraphs), action, voice, hints)


@lru_cache(maxsize=PAGE_CACHE_SIZE)
def _gather_page(
    paragraphs: tuple[str, ...], action: str, voice: VoiceProfile, hints: str
) -> TwiML:
    response = VoiceResponse()
    gather = response.gather(
        input="dtmf speech",
        action=action,
        method="POST",
        timeout=GATHER_TIMEOUT,
        speech_timeout="auto",
        num_digits=1,
        finish_on_key="",
        language=voice.gather_language,
        hints=hints or None,
        barge_in=True,
        action_on_empty_result=True,
    )
    _say_all(gather, paragraphs, voice)
    response.redirect(action, method="POST")
    return to_xml(response)


def hangup_page(paragraphs: Sequence[str], voice: VoiceProfile) -> TwiML:
    """Say the paragraphs, then end the call."""
    response = VoiceResponse()
    _say_all(response, paragraphs, voice)
    response.hangup()
    return to_xml(response)


def dial_page(paragraphs: Sequence[str], number: str, action: str, voice: VoiceProfile) -> TwiML:
    """Say the paragraphs, then ring a number; Twilio posts the outcome to action."""
    response = VoiceResponse()
    _say_all(response, paragraphs, voice)
    dial = response.dial(action=action, method="POST", timeout=DIAL_TIMEOUT, answer_on_bridge=True)
    dial.number(number)
    return to_xml(response)


def to_xml(response: VoiceResponse) -> TwiML:
    return TwiML(str(response.to_xml()))
