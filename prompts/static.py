"""The few sentences that must work when nothing else does.

They are used only when the catalog itself cannot be rendered, and by the phone line's
fallback URL, which must answer without touching the catalog. They name no country's
emergency number, because they do not know the caller's locale.
"""

from __future__ import annotations

PRODUCT_NAME = "Angio Voice"

LAST_RESORT = (
    "Sorry, something went wrong. If you have chest pain, stop and rest. Take your aspirin and "
    "your angina spray or tablets, as your doctor told you. If the pain does not ease in a few "
    "minutes, call your local emergency number now. Go to the nearest hospital. You could be "
    "having a heart attack."
)

GOODBYE = "Please call again later. Goodbye."

# Where these came from, as for every catalog entry.
SOURCES = ("seed:angioplasty-seed.txt",)
