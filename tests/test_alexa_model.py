"""The generated skill package: committed, up to date, and within Alexa's rules."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from angiovoice.assistant import Assistant
from angiovoice.cli import main
from intents import catalog as ic
from intents.coverage import uncovered_subject
from intents.text import normalise
from skill import subjects
from skill.model_export import (
    EXAMPLE_SAMPLES,
    INVOCATION_NAME,
    MODEL_LOCALES,
    PACKAGE_DIR,
    Listing,
    ModelError,
    check_model,
    interaction_model,
    package_files,
    skill_manifest,
    stale_files,
)

EMERGENCY_NUMBERS = {"en-US": "911", "en-GB": "999", "en-IN": "112", "en-CA": "911", "en-AU": "000"}
# Alexa: spoken-form words, apostrophes, periods only in spelt abbreviations; under 200 chars.
ALEXA_SAMPLE = re.compile(r"^[a-z.' ]{1,199}$")
SLOT_REFERENCE = re.compile(r"\{\w+\}")


def read(relative: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PACKAGE_DIR / relative).read_text(encoding="utf-8"))
    return data


def test_committed_package_is_what_the_catalog_generates(assistant: Assistant) -> None:
    files = package_files(assistant.catalog, assistant.intents)
    assert stale_files(files) == [], "run: angiovoice export-model"


def test_there_is_one_model_per_locale() -> None:
    models = sorted(path.stem for path in (PACKAGE_DIR / "interactionModels/custom").glob("*.json"))
    assert models == sorted(MODEL_LOCALES)
    assert set(MODEL_LOCALES) == {"en-US", "en-GB", "en-IN", "en-CA", "en-AU"}


@pytest.mark.parametrize("locale", MODEL_LOCALES)
def test_each_model_has_every_intent_with_its_catalog_samples(
    assistant: Assistant, locale: str
) -> None:
    language = read(f"interactionModels/custom/{locale}.json")["interactionModel"]["languageModel"]
    assert language["invocationName"] == INVOCATION_NAME
    intents = {entry["name"]: entry["samples"] for entry in language["intents"]}
    assert set(intents) == {*ic.CUSTOM_INTENTS, *ic.BUILTIN_INTENTS, *subjects.BY_INTENT}
    for name in ic.CUSTOM_INTENTS:
        # every catalog sample, but those naming a subject the subject question takes
        kept = [s for s in assistant.intents.spoken_samples(name) if not subjects.takes(s)]
        assert intents[name] == kept
        assert intents[name], name
    for question in subjects.QUESTIONS:
        assert intents[question.intent] == list(question.samples)
    assert intents[ic.FALLBACK] == [] and intents[ic.NAVIGATE_HOME] == []
    assert intents[ic.HELP] == list(assistant.intents.custom_samples(ic.HELP))


def test_samples_obey_alexas_rules() -> None:
    language = read("interactionModels/custom/en-US.json")["interactionModel"]["languageModel"]
    seen: dict[str, str] = {}
    for entry in language["intents"]:
        for sample in entry["samples"]:
            assert ALEXA_SAMPLE.match(SLOT_REFERENCE.sub("slot", sample)), sample
            assert sample not in seen, f"{sample!r} in {seen.get(sample)} and {entry['name']}"
            seen[sample] = entry["name"]
    assert len(seen) > 500


# -- the questions naming a subject (skill/subjects.py) -----------------------------------------


@pytest.mark.parametrize("question", subjects.QUESTIONS, ids=lambda q: q.intent)
def test_a_subject_question_has_its_slot_once_in_every_sample(
    question: subjects.Question,
) -> None:
    language = read("interactionModels/custom/en-US.json")["interactionModel"]["languageModel"]
    entry = next(e for e in language["intents"] if e["name"] == question.intent)
    assert entry["slots"] == [{"name": subjects.SLOT, "type": subjects.SLOT_TYPE}]
    assert entry["samples"] and all(s.count("{subject}") == 1 for s in entry["samples"])
    (slot_type,) = language["types"]
    assert slot_type["name"] == subjects.SLOT_TYPE
    assert [v["name"]["value"] for v in slot_type["values"]] == list(subjects.VALUES)
    # the question the value is put back into is the intent's own first sample
    assert entry["samples"][0] == question.frame.lower()


@pytest.mark.parametrize("value", subjects.VALUES)
def test_every_slot_value_names_a_subject_without_content(value: str) -> None:
    assert uncovered_subject(normalise(value)) in subjects.SUBJECTS


def test_catalog_samples_that_are_such_a_question_are_left_to_it(assistant: Assistant) -> None:
    left = {
        sample
        for name in ic.CUSTOM_INTENTS
        for sample in assistant.intents.spoken_samples(name)
        if subjects.takes(sample)
    }
    assert left == {"can i take paracetamol", "can i take ibuprofen with my blood thinners"}
    # not one of the questions' shapes, or a subject the slot does not name: kept
    assert not subjects.takes("statins after a stent")
    assert not subjects.takes("can i take aspirin")
    assert not subjects.takes("what happens if i miss a dose")


def test_invocation_name_is_two_words_without_a_wake_word() -> None:
    words = INVOCATION_NAME.split()
    assert len(words) >= 2
    assert not {"alexa", "amazon", "echo", "computer"} & set(words)


# -- the checker refuses what Alexa would refuse ------------------------------------------------


def _model(assistant: Assistant) -> dict[str, Any]:
    return copy.deepcopy(interaction_model(assistant.intents))


def _intent(model: dict[str, Any], name: str) -> dict[str, Any]:
    entries = model["interactionModel"]["languageModel"]["intents"]
    found: dict[str, Any] = next(entry for entry in entries if entry["name"] == name)
    return found


@pytest.mark.parametrize(
    ("intent", "sample", "problem"),
    [
        ("DrivingIntent", "what is a stent", "in both"),
        ("DrivingIntent", "when can i drive?", "may hold only"),
        ("DrivingIntent", "can i drive, please", "may hold only"),
        ("DrivingIntent", "can I drive", "may hold only"),
        ("DrivingIntent", "can i drive in 2 weeks", "may hold only"),
        ("DrivingIntent", "drive " * 40, "200 characters"),
        (ic.FALLBACK, "anything", "cannot have sample"),
    ],
)
def test_the_checker_refuses_bad_samples(
    assistant: Assistant, intent: str, sample: str, problem: str
) -> None:
    model = _model(assistant)
    _intent(model, intent)["samples"].append(sample.strip())
    with pytest.raises(ModelError, match=problem):
        check_model(model)


def _slotted(model: dict[str, Any]) -> dict[str, Any]:
    return _intent(model, subjects.QUESTIONS[0].intent)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda m: _slotted(m)["samples"].append("can i take {thing}"), "names a slot"),
        (lambda m: _slotted(m)["samples"].append("can i take {subject}?"), "may hold only"),
        (lambda m: _slotted(m)["samples"].append("can i take {subject}{subject}"), "may hold only"),
        (lambda m: _slotted(m)["samples"].append("is {subject} or {subject} ok"), "slot twice"),
        (lambda m: _slotted(m)["samples"].append("{subject}"), "slots alone"),
        (lambda m: _slotted(m)["slots"].append(dict(_slotted(m)["slots"][0])), "declared twice"),
        (
            lambda m: _slotted(m)["slots"].append({"name": "9x", "type": subjects.SLOT_TYPE}),
            "letters and underscores",
        ),
        (
            lambda m: _intent(m, ic.HELP).update(
                slots=[{"name": "topic", "type": subjects.SLOT_TYPE}]
            ),
            "built-in intent takes no slots",
        ),
        (
            lambda m: m["interactionModel"]["languageModel"]["types"][0]["values"].append(
                {"name": {"value": subjects.VALUES[0]}}
            ),
            "twice",
        ),
        (lambda m: _slotted(m)["slots"][0].update(type="NO_SUCH_TYPE"), "undefined type"),
        (
            lambda m: _slotted(m)["slots"].append({"name": "when", "type": subjects.SLOT_TYPE}),
            "in no sample",
        ),
        (
            lambda m: m["interactionModel"]["languageModel"]["types"][0].update(values=[]),
            "no values",
        ),
        (
            lambda m: m["interactionModel"]["languageModel"]["types"][0]["values"].append(
                {"name": {"value": "Ibuprofen"}}
            ),
            "not lowercase words",
        ),
    ],
)
def test_the_checker_refuses_bad_slots(assistant: Assistant, change: Any, problem: str) -> None:
    model = _model(assistant)
    change(model)
    with pytest.raises(ModelError, match=problem):
        check_model(model)


def test_the_checker_allows_a_built_in_slot_type(assistant: Assistant) -> None:
    model = _model(assistant)
    _slotted(model)["slots"].append({"name": "when", "type": "AMAZON.DATE"})
    _slotted(model)["samples"].append("can i take {subject} on {when}")
    check_model(model)


def test_the_checker_allows_spelt_abbreviations(assistant: Assistant) -> None:
    model = _model(assistant)
    _intent(model, "DrivingIntent")["samples"].append("do i tell the d. v. l. a.")
    check_model(model)


@pytest.mark.parametrize(("name", "problem"), [("angio", "two or more"), ("alexa angio", "wake")])
def test_the_checker_refuses_bad_invocation_names(
    assistant: Assistant, name: str, problem: str
) -> None:
    model = _model(assistant)
    model["interactionModel"]["languageModel"]["invocationName"] = name
    with pytest.raises(ModelError, match=problem):
        check_model(model)


def test_the_checker_requires_the_required_builtins(assistant: Assistant) -> None:
    model = _model(assistant)
    intents = model["interactionModel"]["languageModel"]["intents"]
    intents[:] = [entry for entry in intents if entry["name"] != ic.STOP]
    with pytest.raises(ModelError, match=re.escape(ic.STOP)):
        check_model(model)


# -- the manifest ------------------------------------------------------------------------------


def test_manifest_lists_every_locale_with_a_disclaimer_and_its_emergency_number() -> None:
    manifest = read("skill.json")["manifest"]
    locales = manifest["publishingInformation"]["locales"]
    assert set(locales) == set(MODEL_LOCALES)
    for locale, listing in locales.items():
        assert listing["name"] == "Angio Voice"
        assert "general information" in listing["description"]
        assert "not a substitute for professional medical advice" in listing["description"]
        assert f"call {EMERGENCY_NUMBERS[locale]}" in listing["description"]
        assert len(listing["summary"]) <= 160
        assert "not medical advice" in listing["summary"]
        assert len(listing["examplePhrases"]) <= 3


def test_example_phrases_are_sample_utterances(assistant: Assistant) -> None:
    listing = read("skill.json")["manifest"]["publishingInformation"]["locales"]["en-US"]
    first, *others = listing["examplePhrases"]
    assert first == f"Alexa, open {INVOCATION_NAME}"
    samples = {s for name in ic.CUSTOM_INTENTS for s in assistant.intents.custom_samples(name)}
    prefix = f"Alexa, ask {INVOCATION_NAME} "
    assert [phrase.removeprefix(prefix) for phrase in others] == list(EXAMPLE_SAMPLES)
    assert set(EXAMPLE_SAMPLES) <= samples


def test_manifest_privacy_endpoint_and_screens() -> None:
    manifest = read("skill.json")["manifest"]
    privacy = manifest["privacyAndCompliance"]
    assert privacy["usesPersonalInfo"] is False and privacy["isChildDirected"] is False
    for locale in MODEL_LOCALES:
        assert privacy["locales"][locale]["privacyPolicyUrl"].startswith("https://")
        assert privacy["locales"][locale]["termsOfUseUrl"].startswith("https://")
    custom = manifest["apis"]["custom"]
    assert custom["endpoint"]["uri"].endswith("/alexa")
    assert custom["endpoint"]["sslCertificateType"] == "Trusted"
    assert {"type": "ALEXA_PRESENTATION_APL"} in custom["interfaces"]
    assert manifest["publishingInformation"]["distributionCountries"] == [
        "AU",
        "CA",
        "GB",
        "IN",
        "US",
    ]


def test_a_lambda_arn_endpoint_has_no_certificate_type(assistant: Assistant) -> None:
    arn = "arn:aws:lambda:us-east-1:123456789012:function:angiovoice"
    manifest = skill_manifest(assistant.catalog, assistant.intents, Listing(endpoint=arn))
    assert manifest["manifest"]["apis"]["custom"]["endpoint"] == {"uri": arn}


def test_the_listing_sets_privacy_terms_and_icons_in_every_locale(assistant: Assistant) -> None:
    listing = Listing(
        privacy_policy_url="https://heart.example.org/privacy",
        terms_of_use_url="https://heart.example.org/terms",
        small_icon_url="https://heart.example.org/icon-108.png",
        large_icon_url="https://heart.example.org/icon-512.png",
    )
    manifest = skill_manifest(assistant.catalog, assistant.intents, listing)["manifest"]
    for locale in MODEL_LOCALES:
        privacy = manifest["privacyAndCompliance"]["locales"][locale]
        assert privacy == {
            "privacyPolicyUrl": "https://heart.example.org/privacy",
            "termsOfUseUrl": "https://heart.example.org/terms",
        }
        store = manifest["publishingInformation"]["locales"][locale]
        assert store["smallIconUri"] == "https://heart.example.org/icon-108.png"
        assert store["largeIconUri"] == "https://heart.example.org/icon-512.png"
    placeholder = skill_manifest(assistant.catalog, assistant.intents)["manifest"]
    assert "smallIconUri" not in placeholder["publishingInformation"]["locales"]["en-US"]


def test_export_model_takes_the_listing_urls(tmp_path: Path) -> None:
    args = ["export-model", "--out", str(tmp_path), "--privacy-url", "https://h.example/p"]
    assert (
        main(
            [*args, "--terms-url", "https://h.example/t", "--small-icon", "https://h.example/s.png"]
        )
        == 0
    )
    manifest = json.loads((tmp_path / "skill.json").read_text())["manifest"]
    assert (
        manifest["privacyAndCompliance"]["locales"]["en-GB"]["termsOfUseUrl"]
        == "https://h.example/t"
    )
    assert main([*args[:3], "--privacy-url", "http://insecure.example/p"]) == 2


def test_the_model_holds_no_typing_slip_and_every_phrase_the_skill_suggests(
    assistant: Assistant,
) -> None:
    intents = assistant.intents
    model = interaction_model(intents)["interactionModel"]["languageModel"]["intents"]
    spoken = {sample for entry in model for sample in entry["samples"]}
    assert intents.misspelt and not any(intents.misspelt & set(s.split()) for s in spoken)
    # what the welcome and the help reprompt tell people to say, word for word
    for key in ("welcome", "help_reprompt"):
        text = assistant.catalog.say(key, "en-US", "alexa")
        suggested = re.search(r"(?:like|say), ([^?]+)\?", text)
        assert suggested is not None, text
        assert suggested.group(1).lower() in spoken, suggested.group(1)


# -- the command -------------------------------------------------------------------------------


def test_export_model_writes_then_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export-model", "--out", str(tmp_path)]) == 0
    for relative in (
        "skill.json",
        *(f"interactionModels/custom/{loc}.json" for loc in MODEL_LOCALES),
    ):
        assert (tmp_path / relative).read_bytes() == (PACKAGE_DIR / relative).read_bytes()
    assert main(["export-model", "--out", str(tmp_path), "--check"]) == 0

    model = tmp_path / "interactionModels/custom/en-GB.json"
    model.write_text(model.read_text().replace("angio voice", "angio noise"))
    (tmp_path / "interactionModels/custom/fr-FR.json").write_text("{}")
    capsys.readouterr()
    assert main(["export-model", "--out", str(tmp_path), "--check"]) == 1
    err = capsys.readouterr().err
    assert "en-GB.json" in err and "fr-FR.json" in err and "en-US.json" not in err


def test_export_model_with_an_endpoint(tmp_path: Path) -> None:
    url = "https://voice.example.org/alexa"
    assert main(["export-model", "--out", str(tmp_path), "--endpoint", url]) == 0
    manifest = json.loads((tmp_path / "skill.json").read_text())
    assert manifest["manifest"]["apis"]["custom"]["endpoint"]["uri"] == url
