"""Plain words, measured (issue 5): every spoken text, in every locale, read with textstat.

A spoken text fails when its Flesch-Kincaid grade is over 8 (over 6 for the emergency
instructions: every prompt whose key starts with "emergency", and the fixed last-resort
sentence, which carries the same advice), when a sentence runs past 25 words, or when an answer
runs past 70 words. The "more" part, which a caller asks for, has no overall word limit, but its
grade and sentences are held to the same limits.

Texts of fewer than 10 words (labels, titles, "Goodbye, and take care.") are not graded:
Flesch-Kincaid is meaningless on them (it gives negative grades or wild swings on one
polysyllabic word). Their sentence and word counts are still checked. Grades are compared
as they are reported, to one decimal place.

What is spoken is decided where the review page decides it (angiovoice.review): every prompt
except the Alexa skill-store listing and the card titles, and of each topic its answer, "more"
part, reprompt and title (card text is only shown). Every channel's variant of a prompt is read,
and a prompt with a {topic} or {label} is read with every topic's title in it.

These tests measure the content; they do not change it. A failure names the text, the locale,
the grade and the counts, for whoever owns the content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import textstat  # type: ignore[import-untyped]

from angiovoice.assistant import get_assistant
from angiovoice.review import (
    EVERY_CHANNEL,
    SPOKEN_TOPIC_PARTS,
    STATIC_TEXTS,
    is_spoken_prompt,
    prompt_channels,
    review_locales,
)
from prompts.catalog import Catalog

MAX_GRADE = 8.0
MAX_EMERGENCY_GRADE = 6.0
MAX_SENTENCE_WORDS = 25
MAX_ANSWER_WORDS = 70
MIN_GRADED_WORDS = 10  # see the module docstring: shorter texts are not graded
LOCALES = ("en-US", "en-GB", "en-IN", "en-CA", "en-AU")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

CATALOG: Catalog = get_assistant().catalog


@dataclass(frozen=True)
class Case:
    """One text a caller can hear, and the limits it is held to."""

    name: str
    locale: str
    texts: tuple[str, ...]  # more than one when a placeholder takes several values
    max_grade: float
    max_words: int | None

    @property
    def id(self) -> str:
        return f"{self.locale}:{self.name}"


def _prompt_renderings(catalog: Catalog, key: str, locale: str, channel: str) -> tuple[str, ...]:
    params = catalog.prompts[key].params
    titles = [catalog.topic_title(intent, locale) for intent in catalog.topics]
    fills = titles if params & {"topic", "label"} else ["unused"]
    renderings = []
    for fill in fills:
        values = {name: "something" for name in params}
        values.update({name: fill for name in params & {"topic", "label"}})
        values.update({name: "1" for name in params & {"digit"}})
        renderings.append(catalog.say(key, locale, channel, **values))
    return tuple(dict.fromkeys(renderings))


def cases(catalog: Catalog) -> Iterator[Case]:
    for locale in review_locales(catalog):
        for intent in catalog.topics:
            for part in SPOKEN_TOPIC_PARTS:
                yield Case(
                    f"{intent}.{part}",
                    locale,
                    (catalog.topic_text(intent, part, locale),),
                    MAX_GRADE,
                    None if part == "more" else MAX_ANSWER_WORDS,
                )
        for key, prompt in catalog.prompts.items():
            emergency = key.startswith("emergency")
            if not emergency and not is_spoken_prompt(key):
                continue
            for channel in prompt_channels(prompt):
                yield Case(
                    f"prompt.{key}[{channel or 'every channel'}]",
                    locale,
                    _prompt_renderings(catalog, key, locale, channel or EVERY_CHANNEL),
                    MAX_EMERGENCY_GRADE if emergency else MAX_GRADE,
                    MAX_ANSWER_WORDS,
                )
    for name, text in STATIC_TEXTS:
        emergency = name == "LAST_RESORT"
        grade = MAX_EMERGENCY_GRADE if emergency else MAX_GRADE
        yield Case(f"static.{name}", "any", (text,), grade, MAX_ANSWER_WORDS)


def plain_words_problems(text: str, max_grade: float, max_words: int | None) -> list[str]:
    """What is wrong with a text, measured with textstat; empty when nothing is."""
    problems = []
    words = int(textstat.lexicon_count(text))
    sentences = [part for part in _SENTENCE_END.split(text.strip()) if part]
    lengths = [int(textstat.lexicon_count(sentence)) for sentence in sentences]
    counts = f"{words} words, {len(sentences)} sentences, longest {max(lengths, default=0)} words"
    if words >= MIN_GRADED_WORDS:
        grade = round(float(textstat.flesch_kincaid_grade(text)), 1)  # as grades are reported
        if grade > max_grade:
            problems.append(f"grade {grade:.1f} > {max_grade:g} ({counts})")
    for sentence, length in zip(sentences, lengths, strict=True):
        if length > MAX_SENTENCE_WORDS:
            problems.append(f"sentence of {length} words > {MAX_SENTENCE_WORDS}: {sentence!r}")
    if max_words is not None and words > max_words:
        problems.append(f"{words} words > {max_words} ({counts})")
    return problems


ALL_CASES = tuple(cases(CATALOG))


def test_every_locale_and_every_spoken_text_is_read() -> None:
    assert set(LOCALES) <= set(CATALOG.locales)
    read = {case.id for case in ALL_CASES}
    for locale in LOCALES:
        for intent in CATALOG.topics:
            assert f"{locale}:{intent}.answer" in read
            assert f"{locale}:{intent}.more" in read
        for key in ("welcome", "help", "fallback", "emergency", "emergency_short"):
            assert f"{locale}:prompt.{key}[every channel]" in read
        assert f"{locale}:prompt.welcome[phone]" in read


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.id)
def test_spoken_text_is_plain(case: Case) -> None:
    found = [
        f"{problem} in {text!r}"
        for text in case.texts
        for problem in plain_words_problems(text, case.max_grade, case.max_words)
    ]
    assert not found, f"{case.id}: " + "; ".join(found)


# -- the check itself can fail ----------------------------------------------------------------

HARD = (
    "Percutaneous coronary intervention necessitates antiplatelet pharmacotherapy, "
    "administered continuously, notwithstanding gastrointestinal considerations."
)


def test_a_hard_text_is_over_the_grade() -> None:
    assert plain_words_problems(HARD, MAX_GRADE, None)[0].startswith("grade ")
    easy = "Rest for a day or two. Then walk a bit more each day. Ask your team if unsure."
    assert plain_words_problems(easy, MAX_GRADE, MAX_ANSWER_WORDS) == []


def test_the_emergency_grade_is_stricter() -> None:
    text = (
        "If the discomfort continues, telephone for an ambulance. "
        "Stay where you are until help arrives."
    )
    grade = float(textstat.flesch_kincaid_grade(text))
    assert MAX_EMERGENCY_GRADE < grade <= MAX_GRADE
    assert plain_words_problems(text, MAX_GRADE, None) == []
    assert plain_words_problems(text, MAX_EMERGENCY_GRADE, None)


def test_a_long_sentence_and_a_long_answer_fail() -> None:
    long_sentence = " ".join(["walk"] * 26) + "."
    assert any("sentence of 26 words" in p for p in plain_words_problems(long_sentence, 99, None))
    long_answer = " ".join(["Walk a little each day."] * 15)  # 75 words, short sentences
    assert plain_words_problems(long_answer, 99, None) == []
    assert any("75 words > 70" in p for p in plain_words_problems(long_answer, 99, 70))


def test_short_labels_are_not_graded() -> None:
    label = "Percutaneous coronary intervention"
    assert float(textstat.flesch_kincaid_grade(label)) > MAX_GRADE
    assert plain_words_problems(label, MAX_GRADE, MAX_ANSWER_WORDS) == []
