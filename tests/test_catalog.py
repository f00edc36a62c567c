"""The content catalog: complete, renderable in every locale, and strict about bad files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from angiovoice.assistant import Assistant
from intents.catalog import TOPIC_INTENTS
from intents.handlers import Router
from prompts import CatalogError, load_catalog
from prompts.catalog import DATA_DIR, GENERIC_LOCALE, SEED_SOURCE, TOPIC_FIELDS

LOCALES = ("en-US", "en-GB", "en-IN", "en-CA", "en-AU")
RESEARCH = Path(__file__).resolve().parents[2] / "shared" / "research" / "medical-facts.md"


def test_every_topic_intent_has_an_answer(assistant: Assistant) -> None:
    assert set(assistant.catalog.topics) == set(TOPIC_INTENTS)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_text_renders_in_every_locale_without_leftover_placeholders(
    assistant: Assistant, locale: str
) -> None:
    catalog = assistant.catalog
    for intent in catalog.topics:
        for part in TOPIC_FIELDS:
            if part == "sources":
                continue
            text = catalog.topic_text(intent, part, locale)
            assert text and "{" not in text and "}" not in text, (intent, part)
    for key, prompt in catalog.prompts.items():
        params = {name: "X" for name in prompt.params}
        for channel in ("alexa", "phone", "console"):
            text = catalog.say(key, locale, channel, **params)
            assert text and "{" not in text, (key, channel)


# Words one locale uses that another must not hear (from a new-user pass: the US line said
# "licence", and every line named India's Sorbitrate tablets).
NOT_HEARD = {
    "en-US": ["licence", "Sorbitrate", "programme", "lorry"],
    "en-CA": ["Sorbitrate", "programme", "lorry"],
    "en-GB": ["license", "Sorbitrate", "program ", "truck"],
    "en-AU": ["license", "Sorbitrate"],
}


@pytest.mark.parametrize("locale", NOT_HEARD)
def test_no_locale_hears_another_locales_words(assistant: Assistant, locale: str) -> None:
    catalog = assistant.catalog
    texts = [
        catalog.topic_text(intent, part, locale)
        for intent in catalog.topics
        for part in TOPIC_FIELDS
        if part != "sources"
    ]
    for word in NOT_HEARD[locale]:
        assert not [text for text in texts if word in text], (locale, word)


def test_india_hears_that_swallowed_sorbitrate_is_not_for_attacks(assistant: Assistant) -> None:
    more = assistant.catalog.topic_text("NitrateIntent", "more", "en-IN")
    assert "like some Sorbitrate tablets, are not for attacks" in more


def test_locales_carry_their_emergency_numbers(assistant: Assistant) -> None:
    expected = {"en-US": "911", "en-GB": "999", "en-IN": "112", "en-CA": "911", "en-AU": "000"}
    for locale, number in expected.items():
        assert assistant.catalog.locale_values(locale)["emergency_number"] == number
    generic = assistant.catalog.locale_values("fr-FR")["emergency_number"]
    assert not any(char.isdigit() for char in generic)


def test_locale_resolution_tolerates_case_and_underscores(assistant: Assistant) -> None:
    catalog = assistant.catalog
    assert catalog.resolve_locale("en_gb") == "en-GB"
    assert catalog.resolve_locale(" EN-in ") == "en-IN"
    assert catalog.resolve_locale("de-DE") == GENERIC_LOCALE
    assert catalog.resolve_locale("es-US") == "en-US"  # same country: its emergency number
    assert catalog.resolve_locale("fr_CA") == "en-CA"
    assert catalog.resolve_locale("hi-IN") == "en-IN"
    assert catalog.resolve_locale("en") == GENERIC_LOCALE
    assert catalog.resolve_locale(None) == "en-US"


def test_every_source_is_the_seed_or_listed_in_the_research(assistant: Assistant) -> None:
    research = RESEARCH.read_text(encoding="utf-8")
    catalog = assistant.catalog
    sources = [s for topic in catalog.topics.values() for s in topic.sources]
    sources += [s for prompt in catalog.prompts.values() for s in prompt.sources]
    sources += [s for values in catalog.locale_sources.values() for s in values]
    assert sources
    for source in sources:
        assert source == SEED_SOURCE or source in research, source


def test_speakable_spells_out_the_emergency_number(assistant: Assistant) -> None:
    catalog = assistant.catalog
    assert catalog.speakable("call 999 now, not 9990", "en-GB") == "call 9 9 9 now, not 9990"
    assert catalog.speakable("call 000 now", "en-AU") == "call 0 0 0 now"
    text = "call your local emergency number"
    assert catalog.speakable(text, "xx-XX") == text


# -- a bad content file stops start-up with a message naming the file and the entry ----------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_copied_catalog_loads(data_copy: Path) -> None:
    assert load_catalog(data_copy).topics


def test_missing_field_names_file_and_entry(data_copy: Path) -> None:
    _edit(
        data_copy / "topics.toml",
        'reprompt = "Would you like to hear more? Or ask me how it is done."',
        "",
    )
    with pytest.raises(
        CatalogError, match=r"topics\.toml: topics\.WhatIsAngioplastyIntent: .*'reprompt'"
    ):
        load_catalog(data_copy)


def test_unknown_placeholder_names_file_and_entry(data_copy: Path) -> None:
    _edit(
        data_copy / "system.toml",
        "call {emergency_number} now and",
        "call {emergency_nummber} now and",
    )
    with pytest.raises(
        CatalogError, match=r"system\.toml: prompts\.emergency\.text: unknown placeholder"
    ):
        load_catalog(data_copy)


def test_topic_without_a_source_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "topics.toml", 'sources = ["seed:angioplasty-seed.txt"]', "sources = []")
    with pytest.raises(CatalogError, match=r"topics\.WhoNeedsItIntent: at least one source"):
        load_catalog(data_copy)


def test_a_source_that_is_not_an_address_is_refused(data_copy: Path) -> None:
    _edit(
        data_copy / "topics.toml",
        'sources = ["seed:angioplasty-seed.txt"]',
        'sources = ["my memory"]',
    )
    with pytest.raises(CatalogError, match="neither the seed nor a web address"):
        load_catalog(data_copy)


def test_a_locale_missing_a_key_is_refused(data_copy: Path) -> None:
    _edit(data_copy / "locales.toml", 'nitrate = "Sorbitrate"\n', "")
    with pytest.raises(
        CatalogError, match=r"locales\.toml: locales\.en-IN: .*missing \['nitrate'\]"
    ):
        load_catalog(data_copy)


@pytest.mark.parametrize("value", ['"bath"', '["Bath"]', '["hot tub"]', "[1]"])
def test_words_asked_in_more_must_be_a_list_of_lowercase_words(data_copy: Path, value: str) -> None:
    _edit(data_copy / "topics.toml", 'asked_in_more = ["pci"]', f"asked_in_more = {value}")
    with pytest.raises(CatalogError, match=r"WhatIsAngioplastyIntent: 'asked_in_more' must be"):
        load_catalog(data_copy)


def test_words_asked_in_more_are_loaded(assistant: Assistant) -> None:
    topics = assistant.catalog.topics
    assert "bath" in topics["WoundCareIntent"].asked_in_more
    assert topics["FlyingIntent"].asked_in_more == frozenset()


def test_broken_toml_names_the_file(data_copy: Path) -> None:
    (data_copy / "system.toml").write_text("[prompts.welcome\ntext = 'x'", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"system\.toml: not valid TOML"):
        load_catalog(data_copy)


def test_intent_without_an_answer_stops_the_router(data_copy: Path, assistant: Assistant) -> None:
    text = (data_copy / "topics.toml").read_text(encoding="utf-8")
    start = text.index("[topics.SecurityScreeningIntent]")
    (data_copy / "topics.toml").write_text(text[:start], encoding="utf-8")
    # MedicationIntent offers SecurityScreeningIntent as its follow-up, so that is caught first.
    with pytest.raises(CatalogError, match="SecurityScreeningIntent"):
        load_catalog(data_copy)
    _edit(data_copy / "topics.toml", 'follow_up = "SecurityScreeningIntent"\n', "")
    catalog = load_catalog(data_copy)
    with pytest.raises(
        CatalogError, match=r"intents without an answer \['SecurityScreeningIntent'\]"
    ):
        Router(catalog, assistant.understander)


# -- plain words --------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _words(text: str) -> int:
    return len(text.split())


@pytest.mark.parametrize("locale", LOCALES)
def test_answers_are_short_with_short_sentences(assistant: Assistant, locale: str) -> None:
    catalog = assistant.catalog
    for intent in catalog.topics:
        for part in ("answer", "more"):
            text = catalog.topic_text(intent, part, locale)
            sentences = [s for s in _SENTENCE_END.split(text) if s]
            assert 1 <= len(sentences) <= 5, (intent, part, sentences)
            assert all(_words(s) <= 25 for s in sentences), (intent, part, text)
        assert _words(catalog.topic_text(intent, "answer", locale)) <= 70, intent
