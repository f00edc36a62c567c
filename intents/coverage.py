"""Subjects people ask about that the content does not cover yet: neither the seed nor the
research says anything about them (see the README's "Limits and known gaps").

A question about one of them ("can I take ibuprofen?", "I forgot my clopidogrel", "can I drink
alcohol?") must not be answered as if a nearby topic covered it: the medicines' answer says
nothing about ibuprofen, and a caller could take its silence for a yes. So the reply first says
plainly that there is no advice on it here and that the care team is the one to ask, then gives
what does fit: the topic the question is understood as, answered or confirmed as ever (the
medicines' answer for "can I take ibuprofen?", whose samples include it); with no topic, the
subject's nearest one offered, or what can be asked. A weak guess is dropped only for a subject
no topic is near ("Did you want to know about feeling dizzy?" for feeling low).

Only the words say it, so text has it. Alexa's NLU sends an intent, not words: its model has a
question of its own naming a painkiller, another heart medicine, a drink or a jab
(skill/subjects.py), whose slot value reaches the router as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intents.emergency import asks_if_the_procedure_hurts

MEDICINES = "MedicationIntent"


@dataclass(frozen=True)
class Subject:
    """prompt: the prompt key naming the subject in speech; topic: the topic offered when the
    question names none (None: nothing is offered)."""

    prompt: str
    topic: str | None


PAINKILLERS = Subject("subject_painkillers", MEDICINES)
OTHER_MEDICINES = Subject("subject_other_medicines", MEDICINES)
DOSES = Subject("subject_doses", MEDICINES)
ALCOHOL = Subject("subject_alcohol", "LifestyleIntent")
VACCINATIONS = Subject("subject_vaccinations", None)
MOOD = Subject("subject_mood", None)
FOLLOW_UP = Subject("subject_follow_up", None)

_MEDICINE_WORDS = (
    r"(?:tablets?|pills?|medicines?|medications?|meds|dose|doses|aspirin|clopidogrel|plavix"
    r"|ticagrelor|brilinta|brilique|prasugrel|effient|blood thinners?)"
)

_WHOSE = r"(?:a |my |his |her |their |one |the |this mornings |todays |last nights |yesterdays )"

# (subject, pattern over normalised text, words beside which the pattern's words mean something
# a topic covers, or None), tried in order.
_SUBJECTS: tuple[tuple[Subject, str, str | None], ...] = (
    (
        PAINKILLERS,
        r"\b(?:ibuprofen|paracetamol|acetaminophen|tylenol|advil|motrin|nurofen|aleve|naproxen"
        r"|diclofenac|voltarol|voltaren|co ?codamol|codeine|anti ?inflammator\w*|nsaids?"
        # brand names in the UK, Australia and India (not Disprin, which is aspirin)
        r"|panadol|calpol|crocin|dolo|combiflam|tramadol)\b",
        None,
    ),
    (
        # painkillers, unless given for the procedure (its topics' pain relief)
        PAINKILLERS,
        r"\bpain ?killers?\b",
        r"\b(?:during|procedure|operation|awake|sedat\w*|does it hurt|will it hurt)\b",
    ),
    (
        OTHER_MEDICINES,
        r"\b(?:statins?|atorvastatin|simvastatin|rosuvastatin|pravastatin|lipitor|crestor"
        r"|beta ?blockers?|bisoprolol|metoprolol|atenolol|carvedilol|ramipril|lisinopril"
        r"|perindopril|ace inhibitors?|(?:blood pressure|cholesterol) (?:tablets|pills|medicines?"
        r"|medications?|meds))\b",
        None,
    ),
    (
        DOSES,
        # a missed, forgotten, doubled or run-out dose ("I forgot my clopidogrel this morning",
        # "what if I miss a dose", "I took two by mistake"); not "I missed my rehab class"
        rf"\b(?:miss(?:ed|ing|es)?|skip(?:ped|ping|s)?|forg[eo]t\w*) (?:to take )?{_WHOSE}?"
        rf"(?:\w+ )?{_MEDICINE_WORDS}\b"
        rf"|\b(?:double|extra) (?:dose|doses|{_MEDICINE_WORDS})\b"
        r"|\b(?:(?:took|taken) (?:two|2)|(?:took|taken|take|taking) (?:an extra|too many|double))"
        rf"(?: (?:of )?{_WHOSE}?{_MEDICINE_WORDS}\b|$| by mistake| today| this morning)"
        rf"|\b(?:run|ran|running) out of {_WHOSE}?(?:\w+ )?{_MEDICINE_WORDS}\b",
        # ...not a second dose of the angina spray, which its topic covers
        r"\b(?:extra|double|second|another|two) (?:doses?|puffs?|sprays?) of"
        r" (?:my |the |his |her )?(?:spray|gtn|g t n|nitro\w*|sorbitrate|angina)",
    ),
    (
        ALCOHOL,
        r"\b(?:alcohol\w*|wine|wines|beer|beers|pint|pints|lager|whiske?y|vodka|booze)\b",
        None,
    ),
    (
        VACCINATIONS,
        r"\b(?:vaccin\w*|(?:flu|covid|shingles|pneumonia) (?:jabs?|shots?)|boosters?)\b",
        None,
    ),
    (MOOD, r"\b(?:depress\w*|low mood|mood swings|feeling (?:low|down)|tearful)\b", None),
    (
        FOLLOW_UP,
        r"\b(?:follow ?up (?:appointment|visit|clinic|check)s?|check ?ups?(?! on)|outpatients?"
        r" (?:appointment|clinic)s?)\b",
        None,
    ),
)
_COMPILED = tuple(
    (subject, re.compile(pattern), re.compile(unless) if unless else None)
    for subject, pattern, unless in _SUBJECTS
)


def uncovered_subject(normalised: str) -> Subject | None:
    """The first subject without content that normalised text asks about, or None."""
    if asks_if_the_procedure_hurts(normalised):
        return None  # "will they give me painkillers?": the procedure's pain relief, covered
    for subject, pattern, unless in _COMPILED:
        if pattern.search(normalised) and not (unless and unless.search(normalised)):
            return subject
    return None


def prompt_keys() -> frozenset[str]:
    """The prompt keys the subjects need (checked against the catalog at start-up)."""
    return frozenset(subject.prompt for subject, _, _ in _SUBJECTS)


def offered_topics() -> frozenset[str]:
    """The topics the subjects offer."""
    return frozenset(subject.topic for subject, _, _ in _SUBJECTS if subject.topic)
