"""Generate the skill package (ASK CLI layout) from the intent catalog and the prompts.

    skill/skill-package/skill.json                              the manifest
    skill/skill-package/interactionModels/custom/<locale>.json  one interaction model per locale

The generated files are committed; a test fails when they differ from what this module
generates, so the model Alexa hears with and the samples the matcher learns from cannot drift.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intents import catalog as ic
from intents.catalog import IntentCatalog
from prompts import Catalog
from prompts.static import PRODUCT_NAME
from skill import subjects

PACKAGE_DIR = Path(__file__).parent / "skill-package"
MODEL_LOCALES: tuple[str, ...] = ("en-US", "en-GB", "en-IN", "en-CA", "en-AU")
INVOCATION_NAME = "angio voice"
# Placeholders: replace them (and the endpoint) before submitting the skill for certification.
PLACEHOLDER_ENDPOINT = "https://angiovoice.example.com/alexa"
PRIVACY_POLICY_URL = "https://angiovoice.example.com/privacy"
TERMS_OF_USE_URL = "https://angiovoice.example.com/terms"
# Sample utterances (from the catalog) that the store lists after "Alexa, ask angio voice".
EXAMPLE_SAMPLES = ("can i drive after my stent", "what is a stent")
KEYWORDS = ("angioplasty", "stent", "heart", "cardiac rehab", "recovery")
CATEGORY = "HEALTH_AND_FITNESS"
# Built-ins Alexa does not let a skill extend with its own samples.
NO_SAMPLE_BUILTINS = frozenset({ic.FALLBACK, ic.NAVIGATE_HOME})

MAX_SAMPLE_CHARS = 199
# Lowercase words; apostrophes inside words; periods only in spelt abbreviations ("a. b.").
_SAMPLE = re.compile(r"^(?:[a-z]+(?:'[a-z]+)*|[a-z]\.)(?: (?:[a-z]+(?:'[a-z]+)*|[a-z]\.))*$")
_WAKE_WORDS = ("alexa", "amazon", "echo", "computer")
_SLOT_REFERENCE = re.compile(r"\{(\w+)\}")
_SLOT_NAME = re.compile(r"^[A-Za-z][A-Za-z_]*$")


class ModelError(ValueError):
    """The generated model would break one of Alexa's rules; the message says which."""


def _country(locale: str) -> str:
    return locale.split("-")[1]


def interaction_model(intents: IntentCatalog) -> dict[str, Any]:
    """The interaction model: every custom intent with its samples (none holding a typing slip:
    Alexa's recogniser never writes one; none that is one of the next ones naming a subject
    they take), the model's own questions naming a subject, with their slot
    (skill/subjects.py), then the built-ins."""
    entries: list[dict[str, Any]] = []
    for name in ic.CUSTOM_INTENTS:
        samples = [sample for sample in intents.spoken_samples(name) if not subjects.takes(sample)]
        entries.append({"name": name, "samples": samples})
    for question in subjects.QUESTIONS:
        entries.append(
            {
                "name": question.intent,
                "slots": [{"name": subjects.SLOT, "type": subjects.SLOT_TYPE}],
                "samples": list(question.samples),
            }
        )
    for name in ic.BUILTIN_INTENTS:
        samples = [] if name in NO_SAMPLE_BUILTINS else list(intents.spoken_samples(name))
        entries.append({"name": name, "samples": samples})
    slot_type = {
        "name": subjects.SLOT_TYPE,
        "values": [{"name": {"value": value}} for value in subjects.VALUES],
    }
    model: dict[str, Any] = {
        "interactionModel": {
            "languageModel": {
                "invocationName": INVOCATION_NAME,
                "intents": entries,
                "types": [slot_type],
            }
        }
    }
    check_model(model)
    return model


def check_model(model: Mapping[str, Any]) -> None:
    """Raise `ModelError` unless the model obeys Alexa's rules for invocation and samples."""
    language = model["interactionModel"]["languageModel"]
    invocation: str = language["invocationName"]
    words = invocation.split()
    if len(words) < 2 or invocation != invocation.lower() or not _SAMPLE.match(invocation):
        raise ModelError(f"invocation name {invocation!r}: two or more lowercase words")
    if any(word in _WAKE_WORDS for word in words):
        raise ModelError(f"invocation name {invocation!r} contains a wake word")
    types = _check_types(language.get("types", []))
    seen: dict[str, str] = {}
    names: set[str] = set()
    for intent in language["intents"]:
        name = intent["name"]
        if name in names:
            raise ModelError(f"intent {name} is listed twice")
        names.add(name)
        if name in NO_SAMPLE_BUILTINS and intent["samples"]:
            raise ModelError(f"{name} cannot have sample utterances")
        if name in ic.CUSTOM_INTENTS and not intent["samples"]:
            raise ModelError(f"custom intent {name} has no sample utterances")
        slots = _check_slots(name, intent.get("slots", []), types)
        used: set[str] = set()
        for sample in intent["samples"]:
            used |= _check_sample(name, sample, slots)
            key = " ".join(sample.split())
            if key in seen:
                raise ModelError(f"sample {sample!r} is in both {seen[key]} and {name}")
            seen[key] = name
        if slots - used:
            raise ModelError(f"{name}: slot {sorted(slots - used)[0]} is in no sample")
    missing = {ic.HELP, ic.STOP, ic.CANCEL, ic.FALLBACK, ic.NAVIGATE_HOME} - names
    if missing:
        raise ModelError(f"required built-in intents missing: {sorted(missing)}")


def _check_types(types: Any) -> set[str]:
    """The names of the model's slot types, each with values of spoken words, none twice."""
    names: set[str] = set()
    for slot_type in types:
        name = slot_type["name"]
        values = [entry["name"]["value"] for entry in slot_type.get("values", [])]
        if not values:
            raise ModelError(f"slot type {name} has no values")
        for value in values:
            if not isinstance(value, str) or not _SAMPLE.match(value):
                raise ModelError(f"slot type {name}: value {value!r} is not lowercase words")
        if len(set(values)) < len(values):
            raise ModelError(f"slot type {name} lists a value twice")
        names.add(name)
    return names


def _check_slots(intent: str, slots: Any, types: set[str]) -> set[str]:
    """The names of a custom intent's slots: each a name Alexa accepts, declared once, of a
    type the model defines or one of Alexa's (AMAZON.*, not checked further)."""
    if slots and intent.startswith("AMAZON."):
        raise ModelError(f"{intent}: a built-in intent takes no slots here")
    names: set[str] = set()
    for slot in slots:
        name = slot["name"]
        if not isinstance(name, str) or not _SLOT_NAME.match(name):
            raise ModelError(f"{intent}: slot name {name!r} is not letters and underscores")
        if name in names:
            raise ModelError(f"{intent}: slot {name} is declared twice")
        if slot["type"] not in types and not slot["type"].startswith("AMAZON."):
            raise ModelError(f"{intent}: slot {name} has an undefined type {slot['type']}")
        names.add(name)
    return names


def _check_sample(intent: str, sample: Any, slots: set[str]) -> set[str]:
    """Raise unless the sample is spoken words, with {slot} as a word of its own, only for the
    intent's own slots, each at most once, and at least one word besides; return the slots it
    uses."""
    if not isinstance(sample, str):
        raise ModelError(f"{intent}: sample {sample!r} is not text")
    tokens = sample.split(" ")
    named = [found[1] for token in tokens if (found := _SLOT_REFERENCE.fullmatch(token))]
    if set(named) - slots:
        raise ModelError(f"{intent}: sample {sample!r} names a slot it does not have")
    if len(set(named)) < len(named):
        raise ModelError(f"{intent}: sample {sample!r} names a slot twice")
    if len(named) == len(tokens):
        raise ModelError(f"{intent}: sample {sample!r} is slots alone")
    words = " ".join("slot" if _SLOT_REFERENCE.fullmatch(token) else token for token in tokens)
    if not _SAMPLE.match(words):  # also refuses a brace that is not a whole word
        raise ModelError(
            f"{intent}: sample {sample!r} may hold only lowercase words, apostrophes and "
            "the periods of spelt abbreviations"
        )
    if len(sample) > MAX_SAMPLE_CHARS:
        raise ModelError(f"{intent}: sample {sample!r} is 200 characters or longer")
    return set(named)


@dataclass(frozen=True)
class Listing:
    """What the store and certification need of the deployment: where the skill is served, the
    privacy policy and terms of use (placeholders until set), and the icons (108 and 512 pixels
    square PNG, https) that certification requires."""

    endpoint: str = PLACEHOLDER_ENDPOINT
    privacy_policy_url: str = PRIVACY_POLICY_URL
    terms_of_use_url: str = TERMS_OF_USE_URL
    small_icon_url: str | None = None
    large_icon_url: str | None = None


def skill_manifest(
    catalog: Catalog, intents: IntentCatalog, listing: Listing = Listing()
) -> dict[str, Any]:
    """skill.json: store listing per locale, privacy, the HTTPS (or Lambda ARN) endpoint, APL."""
    for sample in EXAMPLE_SAMPLES:
        if not any(sample in intents.custom_samples(name) for name in ic.CUSTOM_INTENTS):
            raise ModelError(f"example phrase {sample!r} is not a sample utterance")
    examples = [
        f"Alexa, open {INVOCATION_NAME}",
        *(f"Alexa, ask {INVOCATION_NAME} {sample}" for sample in EXAMPLE_SAMPLES),
    ]
    locales = {
        locale: {
            "name": PRODUCT_NAME,
            "summary": catalog.say("alexa_store_summary", locale, "alexa"),
            "description": catalog.say("alexa_store_description", locale, "alexa"),
            "examplePhrases": examples,
            "keywords": list(KEYWORDS),
            **({"smallIconUri": listing.small_icon_url} if listing.small_icon_url else {}),
            **({"largeIconUri": listing.large_icon_url} if listing.large_icon_url else {}),
        }
        for locale in MODEL_LOCALES
    }
    endpoint = listing.endpoint
    endpoint_entry: dict[str, str] = (
        {"uri": endpoint}
        if endpoint.startswith("arn:")
        else {"uri": endpoint, "sslCertificateType": "Trusted"}
    )
    return {
        "manifest": {
            "manifestVersion": "1.0",
            "publishingInformation": {
                "locales": locales,
                "isAvailableWorldwide": False,
                "distributionCountries": sorted({_country(locale) for locale in MODEL_LOCALES}),
                "distributionMode": "PUBLIC",
                "category": CATEGORY,
                "testingInstructions": catalog.say("alexa_testing_instructions", "en-US", "alexa"),
            },
            "privacyAndCompliance": {
                "allowsPurchases": False,
                "usesPersonalInfo": False,
                "isChildDirected": False,
                "isExportCompliant": True,
                "containsAds": False,
                "locales": {
                    locale: {
                        "privacyPolicyUrl": listing.privacy_policy_url,
                        "termsOfUseUrl": listing.terms_of_use_url,
                    }
                    for locale in MODEL_LOCALES
                },
            },
            "apis": {
                "custom": {
                    "endpoint": endpoint_entry,
                    "interfaces": [{"type": "ALEXA_PRESENTATION_APL"}],
                }
            },
        }
    }


def render_json(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def package_files(
    catalog: Catalog, intents: IntentCatalog, listing: Listing = Listing()
) -> dict[str, str]:
    """Every file of the skill package: path relative to the package directory -> text."""
    model = render_json(interaction_model(intents))
    files = {"skill.json": render_json(skill_manifest(catalog, intents, listing))}
    for locale in MODEL_LOCALES:
        files[f"interactionModels/custom/{locale}.json"] = model
    return files


def write_package(files: Mapping[str, str], out_dir: Path = PACKAGE_DIR) -> list[Path]:
    written = []
    for relative, text in files.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale_files(files: Mapping[str, str], out_dir: Path = PACKAGE_DIR) -> list[str]:
    """Files that are missing or differ from what would be generated, plus unexpected models."""
    stale = [
        relative
        for relative, text in files.items()
        if not (out_dir / relative).is_file()
        or (out_dir / relative).read_text(encoding="utf-8") != text
    ]
    models = out_dir / "interactionModels" / "custom"
    extra: Iterable[Path] = models.glob("*.json") if models.is_dir() else ()
    stale += [
        str(path.relative_to(out_dir))
        for path in sorted(extra)
        if str(path.relative_to(out_dir)) not in files
    ]
    return stale
