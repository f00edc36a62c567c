"""The emergency detector must not miss, and must not fire on a chest of drawers."""

from __future__ import annotations

import pytest

from intents.emergency import detect

MUST_FIRE = [
    "chest pain",
    "I have chest pain",
    "my chest is tight",
    "there's a pressure in my chest",
    "a heaviness in my chest",
    "it's like something squeezing my chest",
    "burning in the chest",
    "pain spreading down my left arm",
    "the pain is going into my jaw",
    "my jaw aches",
    "am I having a heart attack",
    "my angina is back",
    "angina again since the stent",
    "this is an emergency",
    "call an ambulance",
    "should I ring 999",
    "chess pain",
    "my chess hurts",
    "chest pane",
    "my husband is clutching his chest",
    "dad's grabbing at his chest",
    "I don't have chest pain but I'm worried",
    "what do I do if I get chest pain",
    "what should I do if my chest hurts after the stent",
    "I have a chest x-ray tomorrow and my chest hurts now",
    "I was asking about driving but now my chest feels tight",
    "CHEST PAIN!!!",
    "chestpain",
    "took my gtn spray and it still hurts",
    "crushing feeling behind my breastbone",
    "hart attack",
]

MUST_NOT_FIRE = [
    "can I move a chest of drawers after my stent",
    "can I drive to my chest x-ray appointment",
    "my heart rate reading is 80, can I go to the gym",
    "my heart rate monitor says 72",
    "we bought a toy chest for the grandchildren",
    "I had an emergency angioplasty, when can I drive",
    "can I play chess after my stent",
    "when can I go back to work",
    "what tablets do I need",
    "",
    "   ",
    "🙂🙂",
]


@pytest.mark.parametrize("text", MUST_FIRE)
def test_fires(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_does_not_fire(text: str) -> None:
    assert detect(text) is None


def test_the_match_says_why() -> None:
    match = detect("my husband is clutching his chest")
    assert match is not None and match.kind == "chest"
    match = detect("pain spreading down my left arm")
    assert match is not None and match.kind in {"spreading pain", "left arm"}


def test_huge_and_hostile_input_is_handled() -> None:
    assert detect("a" * 100_000) is None
    assert detect("\x00\x1b[31m chest pain \x07") is not None
    assert detect("x " * 4_990 + "chest pain") is not None  # 10,000 characters are read
    assert detect("x " * 50_000 + "chest pain") is None  # what lies beyond them is not
