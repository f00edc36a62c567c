"""The sample utterances: enough of them, varied, and legal for Alexa."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from angiovoice.assistant import Assistant
from intents.catalog import (
    CUSTOM_INTENTS,
    EMERGENCY_INTENTS,
    TOPIC_INTENTS,
    IntentCatalogError,
    load_intent_catalog,
)
from intents.emergency import detect

CAREGIVER = re.compile(
    r"\b(?:my (?:husband|wife|mum|mom|mother|dad|father|partner|son|daughter|grandad|gran|nan)"
    r"|he|she|his|her)\b"
)


@pytest.mark.parametrize("intent", [*EMERGENCY_INTENTS, *TOPIC_INTENTS])
def test_each_intent_has_thirty_varied_samples(assistant: Assistant, intent: str) -> None:
    samples = assistant.intents.samples[intent]
    assert len(samples) >= 30
    assert any(CAREGIVER.search(s) for s in samples), "no caregiver phrasing"
    assert any(len(s.split()) <= 3 for s in samples), "no short fragment"
    assert any(re.search(r"\b(?:i|i'm|i've|me|my)\b", s) for s in samples), "no first person"


def test_samples_are_unique_across_intents(assistant: Assistant) -> None:
    every = [s for intent in CUSTOM_INTENTS for s in assistant.intents.samples[intent]]
    assert len(every) == len(set(every))


def test_only_red_flag_samples_trip_the_emergency_detector(assistant: Assistant) -> None:
    for intent, samples in assistant.intents.samples.items():
        for sample in samples:
            match = detect(sample)
            if intent in EMERGENCY_INTENTS:
                assert match is not None and match.intent == intent, (intent, sample, match)
            else:
                assert match is None, (intent, sample, match)


def test_everyday_words_and_recogniser_slips_are_covered(assistant: Assistant) -> None:
    every = " ".join(s for samples in assistant.intents.samples.values() for s in samples)
    for phrase in ("blood thinners", "tablets", "chess pain", "stint", "clopidegrel"):
        assert phrase in every, phrase


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "samples.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_loader_refuses_punctuation(tmp_path: Path) -> None:
    path = _write(tmp_path, '[intents.ChestPainIntent]\nsamples = ["chest pain?"]\n')
    with pytest.raises(
        IntentCatalogError, match=r"intents\.ChestPainIntent: sample 'chest pain\?'"
    ):
        load_intent_catalog(path)


def test_loader_refuses_duplicates_across_intents(tmp_path: Path) -> None:
    body = (
        '[intents.ChestPainIntent]\nsamples = ["help me"]\n'
        '[intents."AMAZON.HelpIntent"]\nsamples = ["help me"]\n'
    )
    with pytest.raises(IntentCatalogError, match=r"also in intents\.ChestPainIntent"):
        load_intent_catalog(_write(tmp_path, body))


def test_loader_refuses_unknown_intents_and_missing_ones(tmp_path: Path) -> None:
    with pytest.raises(IntentCatalogError, match="unknown intent name"):
        load_intent_catalog(_write(tmp_path, '[intents.PizzaIntent]\nsamples = ["pizza"]\n'))
    with pytest.raises(IntentCatalogError, match="no samples for"):
        load_intent_catalog(
            _write(tmp_path, '[intents.ChestPainIntent]\nsamples = ["chest pain"]\n')
        )


def test_slips_must_be_words_of_the_samples_and_of_two_kinds(tmp_path: Path) -> None:
    samples = "".join(
        f'[intents."{name}"]\nsamples = ["{name.lower()} sample", "{name.lower()} sampel"]\n'
        for name in CUSTOM_INTENTS
    )
    catalog = load_intent_catalog(_write(tmp_path, '[slips]\nmisspelt = ["sampel"]\n' + samples))
    assert catalog.misspelt == {"sampel"} and catalog.misheard == frozenset()
    assert len(catalog.spoken_samples(CUSTOM_INTENTS[0])) == 1
    with pytest.raises(IntentCatalogError, match="no sample holds"):
        load_intent_catalog(_write(tmp_path, '[slips]\nmisheard = ["nowhere"]\n' + samples))
    with pytest.raises(IntentCatalogError, match="may hold only"):
        load_intent_catalog(_write(tmp_path, '[slips]\ntypos = ["sample"]\n' + samples))
