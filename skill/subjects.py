"""Questions of the Alexa model alone, naming something to take or drink ("can I take
ibuprofen?", "is it ok to drink wine?").

Alexa sends intents, not words, so the line that the text channels say first for a subject
without content ("I don't have advice about painkillers. Please ask your care team.", see
intents/coverage.py) had nothing to read on Alexa: "can I take ibuprofen?" arrived as the
medicines' intent, whose answer says nothing about ibuprofen. Here the thing named arrives as
the slot's value, and the adapter puts it back into the question its intent stands for ("can I
take {subject}", "can I drink {subject}"), which the router understands as typed text: the
red-flag check first, then a subject without content ("can I take ibuprofen": that line, then
the medicines' answer), or the topic the words name ("can I take aspirin": the medicines'
answer; "can I drink coffee": healthy living offered). The slot's value alone would be read out
of its question: "cold medicine" reads like a cold limb.

The catalog's samples that are one of these questions naming one of these subjects ("can i take
paracetamol") are left out of the model, which otherwise holds every sample the matcher learns
from: as exact samples of the medicines' intent, Alexa would send them there. The samples here
are the model's only. The text matcher learns from intents/data/samples.toml and never sees
them, so they cannot move its weights (a sample added there can silence a red flag that only
the matcher catches: README, "adding a topic"). The slot's values are names the subjects'
patterns know; tests/test_alexa_model.py checks each against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from intents import coverage
from intents.text import normalise

SLOT = "subject"
SLOT_TYPE = "QUESTION_SUBJECT"


@dataclass(frozen=True)
class Question:
    """An intent of the model: its samples, each holding {subject} once, and the question
    (`frame`) its slot's value is put back into for the router."""

    intent: str
    frame: str
    samples: tuple[str, ...]

    def text(self, value: str) -> str:
        """The question as typed text, with the slot's value in it."""
        return self.frame.format(subject=value)

    @cached_property
    def _shapes(self) -> tuple[re.Pattern[str], ...]:
        slot = re.escape("{" + SLOT + "}")
        return tuple(
            re.compile(re.escape(sample).replace(slot, r"(?P<value>.+)")) for sample in self.samples
        )

    def value_in(self, sample: str) -> str | None:
        """What a catalog sample of this question's shape names in the slot's place, or None."""
        for shape in self._shapes:
            found = shape.fullmatch(sample)
            if found:
                return found["value"]
        return None


# Each sample asks the intent's own question, so that putting the value back into it keeps what
# was asked: not "should i stop taking {subject}", nor "should i have the {subject}" or "is
# {subject} safe with a stent", which would turn "should I have the procedure?" into "can I take
# the procedure". Never a bare "{subject}", which would take every utterance Alexa cannot place.
# Other topics' samples that ask to take or drink something ("can i take a bath after a stent",
# "can i drink coffee") stay in their intents; Alexa chooses between them.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "CanITakeIntent",
        "can I take {subject}",
        (
            "can i take {subject}",
            "can i still take {subject}",
            "can i take {subject} with my stent",
            "can i take {subject} after my stent",
            "can i take {subject} after angioplasty",
            "can i take {subject} with my blood thinners",
            "can i take {subject} with clopidogrel",
            "is it safe to take {subject}",
            "is it ok to take {subject}",
            "am i allowed to take {subject}",
        ),
    ),
    Question(
        "CanIDrinkIntent",
        "can I drink {subject}",
        (
            "can i drink {subject}",
            "can i drink {subject} after my stent",
            "is it ok to drink {subject}",
            "am i allowed to drink {subject}",
        ),
    ),
)
BY_INTENT = {question.intent: question for question in QUESTIONS}

# What people name in those questions that the content does not cover: painkillers, other heart
# medicines, alcohol, vaccinations. Alexa also fills the slot with words not listed here.
VALUES: tuple[str, ...] = (
    "ibuprofen",
    "paracetamol",
    "acetaminophen",
    "tylenol",
    "advil",
    "motrin",
    "nurofen",
    "aleve",
    "naproxen",
    "diclofenac",
    "voltaren",
    "co codamol",
    "panadol",
    "calpol",
    "crocin",
    "tramadol",
    "codeine",
    "painkillers",
    "anti inflammatories",
    "statins",
    "atorvastatin",
    "simvastatin",
    "rosuvastatin",
    "beta blockers",
    "bisoprolol",
    "metoprolol",
    "atenolol",
    "ramipril",
    "lisinopril",
    "blood pressure tablets",
    "cholesterol tablets",
    "alcohol",
    "wine",
    "beer",
    "a pint",
    "lager",
    "whisky",
    "vodka",
    "flu jab",
    "flu shot",
    "covid vaccine",
    "covid jab",
    "shingles vaccine",
    "pneumonia jab",
    "booster",
)

# The subjects without content that the slot's values name.
SUBJECTS = frozenset(
    (coverage.PAINKILLERS, coverage.OTHER_MEDICINES, coverage.ALCOHOL, coverage.VACCINATIONS)
)


def takes(sample: str) -> bool:
    """Whether a catalog sample is one of these questions naming one of SUBJECTS ("can i take
    paracetamol"), and so is left to it in the model."""
    for question in QUESTIONS:
        value = question.value_in(sample)
        if value is not None and coverage.uncovered_subject(normalise(value)) in SUBJECTS:
            return True
    return False
