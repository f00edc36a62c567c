"""The few sentences that must work when nothing else does.

They are used only when the catalog itself cannot be rendered, and by the phone line's
fallback URL, which must answer without touching the catalog. `LAST_RESORT` names no
country's emergency number, because it does not know the caller's locale; the phone line
works out `last_resort` with its locales' numbers once, at start-up.
"""

from __future__ import annotations

PRODUCT_NAME = "Angio Voice"

LOCAL_NUMBER = "your local emergency number"


def last_resort(number: str = LOCAL_NUMBER) -> str:
    """The apology with the chest-pain instruction, calling `number` (as it is to be said)."""
    return (
        "Sorry, something went wrong. If you have chest pain, stop and rest. Take your aspirin "
        "and your angina spray or tablets, as your doctor told you. If the pain does not ease, "
        f"call {number} now. Go to the nearest hospital. You could be having a heart attack."
    )


LAST_RESORT = last_resort()

GOODBYE = "Please call again later. Goodbye."

# Where these came from, as for every catalog entry.
SOURCES = ("seed:angioplasty-seed.txt",)
