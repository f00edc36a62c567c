"""Text normalisation shared by the emergency detector and the understanding of free text."""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 10_000  # longer input is cut: no spoken turn is anywhere near this long

_NOT_WORD = re.compile(r"[^a-z0-9]+")
# A speech recogniser's slip for the procedure's name, which would otherwise read as angina (a
# red flag): "what is angina plasty" asks what angioplasty is.
_ANGINA_PLASTY = re.compile(r"\ban[gj]ina ?plast(y|ies)\b")


def normalise(text: str) -> str:
    """Lowercase ASCII words separated by single spaces; apostrophes vanish ("don't" -> "dont").

    Accents are folded, emoji, punctuation and control characters become spaces, and input
    beyond MAX_CHARS is ignored, so any string at all gives a bounded, safe result. The
    recogniser's "angina plasty" becomes "angioplasty".
    """
    text = text[: MAX_CHARS * 2]
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower().replace("'", "")
    words = _NOT_WORD.sub(" ", folded)[:MAX_CHARS].strip()
    return _ANGINA_PLASTY.sub(r"angioplast\1", words) if "plast" in words else words
