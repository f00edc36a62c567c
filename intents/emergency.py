"""The emergency detector: does this utterance need the chest-pain instruction first?

It runs on every utterance, on every channel, before anything else. It is built for recall:
a negation ("I don't have chest pain") or a question ("what if I get chest pain?") still
triggers it, because hearing the instruction costs a caller a few seconds and missing a real
emergency can cost a life. Only phrases where a trigger word plainly means something else
(a chest of drawers, a chest X-ray, an emergency angioplasty done in the past) are set aside,
and only those words: the rest of the sentence is still checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from intents.text import normalise

# Phrases in which a trigger-like word means something else. They are blanked out before the
# triggers are looked for, so "my chest x ray is tomorrow and my chest hurts" still fires.
_BENIGN = re.compile(
    r"\b(?:"
    r"chests? of drawers|(?:treasure|tool|toy|ice|storage|blanket|medicine) chests?"
    r"|chest (?:x ?rays?|xrays?|scans?|mri|ct|freezers?|press(?:es)?|hair|size|measurements?"
    r"|exercises?)"
    r"|emergency (?:angioplast(?:y|ies)|procedures?|operations?|surgery|treatments?|stents?"
    r"|admissions?)"
    r"|heart rates?(?: monitors?| readings?)?"
    r")\b"
)

_SYMPTOM = (
    r"(?:pains?|painful|pane|hurts?|hurting|hurted|ache|aches|aching|achy|sore|soreness"
    r"|tight|tighter|tightness|tightening|pressure|heavy|heaviness|weight|squeez\w*|crush\w*"
    r"|burn\w*|discomfort|stabb\w*|sharp|pound\w*|clutch\w*|grab\w*|grip\w*|hold\w*|clench\w*"
    r"|funny|strange|weird|numb\w*|tingl\w*)"
)
_GAP = r"(?:\s+\w+){0,5}?\s+"  # up to five words in between
_NITRATE = r"(?:sorbitrate|gtn|nitro\w*|glyceryl|isosorbide|spray)"
_NUMBER = (
    r"(?:9\s*1\s*1|9\s*9\s*9|1\s*1\s*2|0\s*0\s*0"
    r"|triple zero|nine one one|nine nine nine|one one two)"
)


def _near_symptom(body_part: str) -> re.Pattern[str]:
    """A body part with a symptom word close by, in either order ("jaw ache", "pain in my jaw")."""
    return re.compile(
        rf"\b{body_part}{_GAP}{_SYMPTOM}\b"
        rf"|\b{_SYMPTOM}{_GAP}(?:\w+\s+)?{body_part}\b"
        rf"|\b{body_part}\s+{_SYMPTOM}\b"
    )


_TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Any chest mention left once the benign phrases are gone: "chest", "tight chest"...
    ("chest", re.compile(r"\bchest(?:s|y|pains?)?\b|\bbreast ?bones?\b|\bsternum\b")),
    # A recogniser slip for chest counts only next to a symptom ("chess pain", "my chess hurts").
    ("chest", _near_symptom("chess")),
    ("heart attack", re.compile(r"\b(?:heart|hart|hard|heat)\s*attacks?\b|\bcardiac arrest\b")),
    ("heart", _near_symptom(r"heart\w*")),
    ("angina", re.compile(r"\ban[gj]ina\w*|\bangine\b")),
    (
        "spreading pain",
        re.compile(
            rf"\b{_SYMPTOM}(?:\s+\w+){{0,6}}?\s+"
            r"(?:spread\w*|radiat\w*|going|goes|moving|moves|travel\w*|shoot\w*|down|into|up)"
            r"(?:\s+\w+){0,3}?\s+(?:arms?|jaw|neck|shoulders?|back)\b"
        ),
    ),
    ("jaw", _near_symptom("jaw")),
    ("left arm", _near_symptom("left arm")),
    ("emergency", re.compile(r"\bemergenc\w*|\bambulance\w*|\bparamedic\w*|\ba (?:and |n )?e\b")),
    ("emergency number", re.compile(rf"\b(?:call|ring|dial|phone)\w*\s+{_NUMBER}\b")),
    (
        "breathing",
        re.compile(
            r"\b(?:can ?not|cant|can t|unable to) (?:breathe|catch (?:my|his|her|their) breath)\b"
            r"|\bshort of breath\b|\bbreathless\w*"
        ),
    ),
    ("collapse", re.compile(r"\bcollaps\w*|\bpassed out\b|\bunconscious\b|\bdying\b")),
    (
        "pain returning",
        re.compile(
            r"\bpain\w*(?:\s+\w+){0,6}?\s+(?:again|back|returned|returning|before|last time)\b"
            r"|\b(?:again|back|returned|returning)(?:\s+\w+){0,3}?\s+pain"
        ),
    ),
    (
        "nitrate for pain",
        re.compile(
            rf"\b{_NITRATE}(?:\s+\w+){{0,8}}?\s+{_SYMPTOM}\b"
            rf"|\b{_SYMPTOM}(?:\s+\w+){{0,8}}?\s+{_NITRATE}\b"
        ),
    ),
    (
        "pain persists",
        re.compile(
            r"\bpain\w*\s+(?:won ?t|will not|doesn ?t|does not|isn ?t|is not)\s+"
            r"(?:go|ease|stop|easing|going)\w*"
        ),
    ),
)


@dataclass(frozen=True)
class EmergencyMatch:
    """Why an utterance was taken for an emergency (for logs and tests)."""

    kind: str
    phrase: str


def detect(text: str | None) -> EmergencyMatch | None:
    """Return why `text` needs the emergency instruction, or None when it does not."""
    if not text:
        return None
    return detect_normalised(normalise(text))


def strip_benign(normalised: str) -> str:
    """Blank out phrases whose trigger-like word means something else ("chest of drawers")."""
    return _BENIGN.sub(" ", normalised)


def detect_normalised(normalised: str) -> EmergencyMatch | None:
    """`detect` for text already passed through `intents.text.normalise`."""
    if not normalised:
        return None
    cleaned = strip_benign(normalised)
    for kind, pattern in _TRIGGERS:
        found = pattern.search(cleaned)
        if found:
            return EmergencyMatch(kind=kind, phrase=found.group(0).strip())
    return None
