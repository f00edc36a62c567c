"""Understanding of free text, measured on evaluation sets written apart from the samples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from angiovoice.assistant import Assistant
from intents.catalog import ALL_INTENTS, EMERGENCY_INTENTS, FALLBACK
from intents.text import normalise

DATA = Path(__file__).parent / "data"
EVAL_SETS = sorted(DATA.glob("understanding_eval*.jsonl"))


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_there_are_evaluation_sets() -> None:
    assert len(EVAL_SETS) >= 2


@pytest.mark.parametrize("path", EVAL_SETS, ids=lambda p: p.name)
def test_evaluation_set_is_well_formed_and_apart_from_the_samples(
    path: Path, assistant: Assistant
) -> None:
    rows = _rows(path)
    assert len(rows) >= 150
    emergencies = [r for r in rows if r["emergency"]]
    # The first set holds a third emergencies; a later set at least a quarter.
    assert len(emergencies) * (3 if path.name == "understanding_eval.jsonl" else 4) >= len(rows)
    for row in rows:
        assert row["intent"] in ALL_INTENTS
        assert row["emergency"] == (row["intent"] in EMERGENCY_INTENTS)


# Intent accuracy required on lines that are not word for word a sample. The red-flag set is
# mostly red flags and their look-alikes ("is a bruise normal?", "breaststroke"), the hardest
# lines there are; which red flag a line is, it must get right 95 times in 100 all the same.
RED_FLAG_SETS = "understanding_eval_redflags"


@pytest.mark.parametrize("path", EVAL_SETS, ids=lambda p: p.name)
def test_no_emergency_is_missed_and_intents_are_right(path: Path, assistant: Assistant) -> None:
    rows = _rows(path)
    results = [(row, assistant.understander.understand(str(row["text"]))) for row in rows]
    missed = [row["text"] for row, result in results if row["emergency"] and not result.emergency]
    assert missed == [], "emergency recall must be 100 percent"
    emergencies = [(row, result) for row, result in results if row["emergency"]]
    right_flag = sum(row["intent"] == result.intent for row, result in emergencies)
    assert right_flag >= 0.95 * len(emergencies), [
        (row["text"], row["intent"], result.intent)
        for row, result in emergencies
        if row["intent"] != result.intent
    ]

    # Accuracy counts only the lines that are not word for word a sample utterance: short
    # phrases such as "chest pain" or "yes" are bound to be in both, and would flatter it.
    samples = {normalise(s) for values in assistant.intents.samples.values() for s in values}
    unseen = [
        (row, result) for row, result in results if normalise(str(row["text"])) not in samples
    ]
    assert len(unseen) >= 150
    wrong = [
        (row["text"], row["intent"], result.intent, round(result.score, 2))
        for row, result in unseen
        if result.intent != row["intent"]
    ]
    accuracy = 1 - len(wrong) / len(unseen)
    required = 0.90 if path.name.startswith(RED_FLAG_SETS) else 0.95
    assert accuracy >= required, f"intent accuracy {accuracy:.3f} on {len(unseen)} lines; {wrong}"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "a" * 10_000, "🙂🎉🙃", "\x00\x01\x02\x1b[2J", "asdf qwerty zxcv", "?!?!"],
)
def test_bad_input_gets_the_fallback(assistant: Assistant, text: str) -> None:
    result = assistant.understander.understand(text)
    assert result.intent == FALLBACK and result.emergency is None


def test_a_red_flag_at_the_end_of_an_over_long_text_is_still_heard(
    assistant: Assistant,
) -> None:
    text = "blah " * 2_000 + "my chest hurts"  # past the 10,000 characters understood
    result = assistant.understander.understand(text)
    assert result.emergency is not None and result.intent == "ChestPainIntent"
    assert assistant.understander.understand("blah " * 2_000 + "when can I drive").emergency is None


def test_misspellings_are_corrected(assistant: Assistant) -> None:
    assert assistant.understander.understand("how long do i take clopidegral").intent == (
        "MedicationIntent"
    )
    assert assistant.understander.understand("what is angioplassty").intent == (
        "WhatIsAngioplastyIntent"
    )


def test_a_misspelling_is_corrected_the_same_way_in_every_process() -> None:
    # "other" is as much like "mother" as like "bother", "every" as much like "very" as like
    # "ever": the choice must not follow the process's string-hash seed (each server worker
    # has its own), or the same words could be understood differently from turn to turn.
    script = (
        "from angiovoice.assistant import build_assistant\n"
        "m = build_assistant().understander.matcher\n"
        "print(' '.join(m.correct(w) for w in ['other', 'every', 'grand']))\n"
    )
    root = Path(__file__).resolve().parents[1]
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(root)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(6)
    }
    # The likeness ties are broken by the number of samples holding the word.
    assert seen == {"mother very grandad"}


@pytest.mark.parametrize(
    "text", ["i have tightness in my", "there's a pressure in my", "my feels tight"]
)
def test_text_that_reads_like_a_red_flag_takes_the_emergency_path(
    assistant: Assistant, text: str
) -> None:
    # The recogniser dropped "chest": the detector's patterns miss it, the samples do not.
    result = assistant.understander.understand(text)
    assert result.emergency is not None and result.intent == "ChestPainIntent"


@pytest.mark.parametrize("text", ["bad", "that is bad", "it's so bad", "what's a blood orange"])
def test_words_red_flags_share_with_other_topics_do_not_make_a_red_flag(
    assistant: Assistant, text: str
) -> None:
    # "bad" is in a breathing sample ("his breathing is bad") and in a lifestyle one; alone it
    # must not send anybody to call 911. The detector still fires on the real thing.
    assert assistant.understander.understand(text).emergency is None
    assert assistant.understander.understand("his breathing is bad").emergency is not None


def test_a_harmless_phrase_does_not_make_text_read_like_a_red_flag(assistant: Assistant) -> None:
    assert assistant.understander.understand("what are the four swimming strokes").emergency is None
