"""The intent catalog: the fixed intent names, what kind each is, and their sample utterances.

The sample utterances live in ``data/samples.toml``. The Alexa interaction model is generated
from them, and the free-text matcher learns from them. They are checked when loaded, against
Alexa's rules, so a bad sample stops start-up rather than a skill certification.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SAMPLES_FILE = Path(__file__).parent / "data" / "samples.toml"

LAUNCH = "LaunchRequest"
# Not an intent: what a conversation remembers after the news that chest pain has eased, so
# that "it's back" is heard as the pain coming back (intents/handlers.py).
PAIN_EASED = "ChestPainEased"
CHEST_PAIN = "ChestPainIntent"
# The other red flags. Like chest pain, each is detected on every turn that carries text and
# answered first with its own instruction (intents/emergency.py, prompts "emergency_*").
STROKE = "StrokeIntent"
BREATHING = "BreathingProblemIntent"
BLEEDING = "BleedingIntent"
SERIOUS_BLEEDING = "SeriousBleedingIntent"
LIMB = "LimbProblemIntent"
# A heart attack's signs without pain (a cold sweat, sickness, light-headedness, a grey look):
# call now and rest; no nitrate, which is for pain and can make dizziness worse.
HEART_SIGNS = "HeartAttackSignsIntent"
EMERGENCY_INTENTS: tuple[str, ...] = (
    CHEST_PAIN,
    HEART_SIGNS,
    STROKE,
    BREATHING,
    BLEEDING,
    SERIOUS_BLEEDING,
    LIMB,
)
TELL_ME_MORE = "TellMeMoreIntent"
# "Can I talk to a person?": this is a recorded guide, and it says so.
SPEAK_TO_SOMEONE = "SpeakToSomeoneIntent"
HELP = "AMAZON.HelpIntent"
STOP = "AMAZON.StopIntent"
CANCEL = "AMAZON.CancelIntent"
FALLBACK = "AMAZON.FallbackIntent"
REPEAT = "AMAZON.RepeatIntent"
YES = "AMAZON.YesIntent"
NO = "AMAZON.NoIntent"
START_OVER = "AMAZON.StartOverIntent"
NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"

# Topic intents, in the order help and menus present them. Each has an answer in prompts/.
TOPIC_INTENTS: tuple[str, ...] = (
    # the procedure
    "WhatIsAngioplastyIntent",
    "ProcedureIntent",
    "ProcedureDurationIntent",
    "AccessSiteIntent",
    "StentIntent",
    "WhoNeedsItIntent",
    "BenefitsIntent",
    "RisksIntent",
    # going home and recovery
    "HospitalStayIntent",
    "WoundCareIntent",
    "DrivingIntent",
    "WorkIntent",
    "ActivityIntent",
    "SexIntent",
    "CardiacRehabIntent",
    # medicines
    "MedicationIntent",
    "MedicationSideEffectsIntent",
    "NitrateIntent",
    "DizzinessIntent",
    # living with a stent
    "StentLifetimeIntent",
    "LifestyleIntent",
    "FlyingIntent",
    "SecurityScreeningIntent",
)
CUSTOM_INTENTS: tuple[str, ...] = (
    *EMERGENCY_INTENTS,
    *TOPIC_INTENTS,
    TELL_ME_MORE,
    SPEAK_TO_SOMEONE,
)
BUILTIN_INTENTS: tuple[str, ...] = (
    HELP,
    STOP,
    CANCEL,
    FALLBACK,
    REPEAT,
    YES,
    NO,
    START_OVER,
    NAVIGATE_HOME,
)
ALL_INTENTS: frozenset[str] = frozenset((*CUSTOM_INTENTS, *BUILTIN_INTENTS))

# Alexa: letters, spaces, apostrophes; periods only inside abbreviations. We allow no periods.
_SAMPLE = re.compile(r"^[a-z']+(?: [a-z']+)*$")
MAX_SAMPLE_CHARS = 199


class IntentCatalogError(ValueError):
    """The samples file is wrong; the message names the intent and the sample."""


@dataclass(frozen=True)
class IntentCatalog:
    """The sample utterances of every intent, which the free-text matcher learns from whole.

    misspelt: words of the samples that are typing slips ("angioplasy"); no speech recogniser
        writes them, so their samples stay out of the Alexa model.
    misheard: real words a recogniser writes for the word meant ("chess pain", "a stint"); their
        samples are in the Alexa model, but not in the phone's speech hints, which would pull
        Twilio's recogniser towards the wrong word.
    """

    samples: Mapping[str, tuple[str, ...]]
    misspelt: frozenset[str] = frozenset()
    misheard: frozenset[str] = frozenset()

    def custom_samples(self, intent: str) -> tuple[str, ...]:
        return self.samples.get(intent, ())

    def spoken_samples(self, intent: str) -> tuple[str, ...]:
        """The samples a speech recogniser could write: none with a misspelt word."""
        return self._samples_without(intent, self.misspelt)

    def hint_samples(self, intent: str) -> tuple[str, ...]:
        """The samples to prompt a recogniser with: spelt right and heard right."""
        return self._samples_without(intent, self.misspelt | self.misheard)

    def _samples_without(self, intent: str, words: frozenset[str]) -> tuple[str, ...]:
        return tuple(s for s in self.custom_samples(intent) if words.isdisjoint(s.split()))


def load_intent_catalog(path: Path = SAMPLES_FILE) -> IntentCatalog:
    try:
        with path.open("rb") as handle:
            doc = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise IntentCatalogError(f"{path.name}: cannot be read: {exc}") from exc

    table = doc.get("intents")
    if not isinstance(table, Mapping):
        raise IntentCatalogError(f"{path.name}: an [intents] table is required")
    samples: dict[str, tuple[str, ...]] = {}
    seen: dict[str, str] = {}
    for intent, entry in table.items():
        where = f"{path.name}: intents.{intent}"
        if intent not in ALL_INTENTS:
            raise IntentCatalogError(f"{where}: unknown intent name")
        values = entry.get("samples") if isinstance(entry, Mapping) else None
        if not isinstance(values, list) or not values:
            raise IntentCatalogError(f"{where}: a non-empty 'samples' list is required")
        for sample in values:
            if not isinstance(sample, str) or not _SAMPLE.match(sample):
                raise IntentCatalogError(
                    f"{where}: sample {sample!r} must be lowercase words and apostrophes only"
                )
            if len(sample) > MAX_SAMPLE_CHARS:
                raise IntentCatalogError(f"{where}: sample {sample!r} is too long")
            if sample in seen:
                raise IntentCatalogError(
                    f"{where}: sample {sample!r} is also in intents.{seen[sample]}"
                )
            seen[sample] = intent
        samples[intent] = tuple(values)
    missing = [name for name in CUSTOM_INTENTS if name not in samples]
    if missing:
        raise IntentCatalogError(f"{path.name}: no samples for {', '.join(missing)}")
    slips = doc.get("slips", {})
    if not isinstance(slips, Mapping) or set(slips) - {"misspelt", "misheard"}:
        raise IntentCatalogError(f"{path.name}: [slips] may hold only 'misspelt' and 'misheard'")
    words = {word for values in samples.values() for sample in values for word in sample.split()}
    kinds = {}
    for kind in ("misspelt", "misheard"):
        listed = slips.get(kind, [])
        if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed):
            raise IntentCatalogError(f"{path.name}: slips.{kind} must be a list of words")
        unused = sorted(set(listed) - words)
        if unused:
            raise IntentCatalogError(f"{path.name}: slips.{kind}: no sample holds {unused}")
        kinds[kind] = frozenset(listed)
    return IntentCatalog(samples=samples, misspelt=kinds["misspelt"], misheard=kinds["misheard"])
