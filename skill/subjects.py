"""An intent of the Alexa model alone: a question naming something to take, drink or have
("can I take ibuprofen?", "is wine safe with a stent?", "should I have the flu jab?").

Alexa sends intents, not words, so the line that the text channels say first for a subject
without content ("I don't have advice about painkillers. Please ask your care team.", see
intents/coverage.py) had nothing to read on Alexa: "can I take ibuprofen?" arrived as the
medicines' intent, whose answer says nothing about ibuprofen. With this intent the thing named
arrives as the slot's value, and the adapter hands it to the router as the turn's text, to be
understood as any text is: the red-flag check first, then a subject without content
("ibuprofen": that line, then the medicines offered), or the topic the words name ("aspirin":
the medicines' answer; "a bath": the wound's).

The catalog's samples that name one of these subjects ("can i take paracetamol") are left out
of the model, which otherwise holds every sample the matcher learns from: as exact samples of
the medicines' intent, Alexa would send them there. The samples here are the model's only. The
text matcher learns from intents/data/samples.toml and never sees them, so they cannot move its
weights (a sample added there can silence a red flag that only the matcher catches: README,
"adding a topic"). The slot's values are names the subjects' patterns know;
tests/test_alexa_model.py checks each against them.
"""

from __future__ import annotations

from intents import coverage
from intents.text import normalise

INTENT = "SubjectQuestionIntent"
SLOT = "subject"
SLOT_TYPE = "QUESTION_SUBJECT"

# Questions about something to take, drink or be given; never a bare "{subject}", which would
# take every utterance Alexa cannot place.
SAMPLES: tuple[str, ...] = (
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
    "is {subject} safe with a stent",
    "is {subject} safe after a stent",
    "can i drink {subject}",
    "is it ok to drink {subject}",
    "am i allowed to drink {subject}",
    "can i have the {subject}",
    "should i have the {subject}",
    "can i get the {subject}",
    "should i get the {subject}",
    "should i stop taking {subject}",
    "do i still take my {subject}",
)

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
    """Whether a catalog sample names one of SUBJECTS, and so is this intent's on Alexa."""
    return coverage.uncovered_subject(normalise(sample)) in SUBJECTS
