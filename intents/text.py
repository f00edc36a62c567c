"""Text normalisation shared by the emergency detector and the understanding of free text."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

MAX_CHARS = 10_000  # longer input is cut: no spoken turn is anywhere near this long

_NOT_WORD = re.compile(r"[^a-z0-9]+")
# A speech recogniser's slips for the procedure's name ("angina plasty", which would otherwise
# read as angina, a red flag; "angie plasty", "angel plasty", "angio plasty"): "what is angina
# plasty" asks what angioplasty is.
_ANGINA_PLASTY = re.compile(r"\ban[gj](?:ina|ie|el|io|ee|y) ?plast(y|ies)\b")


# Slips in the word "emergency" ("emergancy", "emmergency", "emergensy"): a word of its length
# that starts like it and ends in "y", and shares most of its letters in order, is that word.
_LIKE_EMERGENCY = re.compile(r"\b[aei]?m[a-z]{5,9}y\b")
_EMERGENCY = "emergency"
_EMERGENCY_LIKENESS = 0.84


def _emergency_spelt_right(found: re.Match[str]) -> str:
    word = found.group(0)
    alike = SequenceMatcher(None, word, _EMERGENCY).ratio() >= _EMERGENCY_LIKENESS
    return _EMERGENCY if alike else word


def normalise(text: str) -> str:
    """Lowercase ASCII words separated by single spaces; apostrophes vanish ("don't" -> "dont").

    Accents are folded, emoji, punctuation and control characters become spaces, and input
    beyond MAX_CHARS is ignored, so any string at all gives a bounded, safe result. The
    recogniser's "angina plasty" (or "angie plasty") becomes "angioplasty", a slip in
    "emergency" ("emergancy") that word, and the ambulance and SOS emoji words.
    """
    text = text[: MAX_CHARS * 2]
    if "\U0001f691" in text or "\U0001f198" in text:  # the ambulance and SOS emoji say it
        text = text.replace("\U0001f691", " ambulance ").replace("\U0001f198", " emergency ")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower().replace("'", "")
    words = _NOT_WORD.sub(" ", folded)[:MAX_CHARS].strip()
    if "plast" in words:
        words = _ANGINA_PLASTY.sub(r"angioplast\1", words)
    return _LIKE_EMERGENCY.sub(_emergency_spelt_right, words) if "m" in words else words
