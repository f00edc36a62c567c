"""Load, validate and render the spoken content.

The content lives in TOML files beside this module:

- ``topics.toml``: one entry per topic intent: the spoken answer, a longer "more" part, a
  reprompt, a card, and the sources it rests on;
- ``system.toml``: everything else the assistant says (welcome, help, the emergency
  instruction...), with optional per-channel variants;
- ``locales.toml``: what differs by locale (emergency number, medicine names, spelling).

Everything is checked once, when the catalog loads: a missing field, an unknown placeholder, a
topic without a source or a locale without a value stops start-up with a message naming the
file and the entry. Rendering a validated catalog cannot fail.
"""

from __future__ import annotations

import logging
import re
import string
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_LOCALE = "en-US"
# Used for any locale we have no overlay for: English text and no country-specific number.
GENERIC_LOCALE = "default"

_WORD = re.compile(r"[a-z0-9]+")
TOPIC_FIELDS = ("title", "answer", "more", "reprompt", "card_title", "card_text", "sources")
CHANNELS = ("alexa", "phone", "console")
SEED_SOURCE = "seed:angioplasty-seed.txt"
_SOURCE_PREFIXES = ("https://", "http://", "seed:")


class CatalogError(ValueError):
    """The content files are wrong; the message names the file and the entry."""


@dataclass(frozen=True)
class Topic:
    intent: str
    title: str
    answer: str
    more: str
    reprompt: str
    card_title: str
    card_text: str
    sources: tuple[str, ...]
    follow_up: str | None
    # Words of a question that the "more" part answers ("bath"): such a question hears it first.
    asked_in_more: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Prompt:
    key: str
    text: str
    variants: Mapping[str, str]  # channel -> text
    params: frozenset[str]
    sources: tuple[str, ...]

    def for_channel(self, channel: str) -> str:
        return self.variants.get(channel, self.text)


class Catalog:
    """The validated content, ready to render for any locale and channel."""

    def __init__(
        self,
        version: str,
        topics: Mapping[str, Topic],
        prompts: Mapping[str, Prompt],
        locales: Mapping[str, Mapping[str, str]],
        locale_sources: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.version = version
        self.topics = dict(topics)
        self.prompts = dict(prompts)
        self._locales = {name: dict(values) for name, values in locales.items()}
        self.locale_sources = dict(locale_sources)

    @property
    def locales(self) -> tuple[str, ...]:
        """The real locales (not the generic fallback), in file order."""
        return tuple(name for name in self._locales if name != GENERIC_LOCALE)

    def resolve_locale(self, locale: str | None) -> str:
        """Map any locale string to one we have, case and separator tolerant.

        An exact match wins; otherwise a locale of the same country ("es-US" hears the en-US
        overlay, so its emergency number is 911: all content is English); otherwise the generic
        overlay, which names no country's number.
        """
        if not locale:
            return DEFAULT_LOCALE
        if locale in self._locales:  # the usual case: a locale we have, spelt as we spell it
            return locale
        wanted = locale.strip().replace("_", "-").lower()
        for name in self._locales:
            if name.lower() == wanted:
                return name
        country = wanted.rpartition("-")[2] if "-" in wanted else None
        for name in self._locales:
            if country and name.lower().rpartition("-")[2] == country:
                return name
        return GENERIC_LOCALE

    def locale_values(self, locale: str) -> Mapping[str, str]:
        return self._locales[self.resolve_locale(locale)]

    def say(self, key: str, locale: str, channel: str = "console", **params: str) -> str:
        """Render a system prompt for a locale and a channel."""
        prompt = self.prompts[key]
        return _render(prompt.for_channel(channel), self.locale_values(locale), params)

    def topic_text(self, intent: str, part: str, locale: str) -> str:
        """Render one part of a topic ("answer", "more", "reprompt", "card_text"...)."""
        return _render(getattr(self.topics[intent], part), self.locale_values(locale), {})

    def topic_title(self, intent: str, locale: str) -> str:
        return self.topic_text(intent, "title", locale)

    def speakable(self, text: str, locale: str) -> str:
        """Text for a speech engine that reads numbers itself: the emergency number is spelt
        out digit by digit ("9 9 9", not "nine hundred and ninety-nine")."""
        number = self.locale_values(locale)["emergency_number"]
        return replace_number(text, number, " ".join(number))


def replace_number(text: str, number: str | None, replacement: str) -> str:
    """`text` with each `number` standing on its own (not inside a longer run of digits)
    replaced; unchanged when the number is not all digits or not in the text at all."""
    if not number or not number.isdigit() or number not in text:
        return text
    return _number_pattern(number).sub(replacement, text)


@lru_cache(maxsize=32)
def _number_pattern(number: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\d){re.escape(number)}(?!\d)")


def _render(template: str, values: Mapping[str, str], params: Mapping[str, str]) -> str:
    return template.format_map({**values, **params})


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """Load and validate the three content files; raise `CatalogError` naming what is wrong."""
    locales_doc = _read(data_dir / "locales.toml")
    topics_doc = _read(data_dir / "topics.toml")
    system_doc = _read(data_dir / "system.toml")

    locales, locale_sources = _load_locales(locales_doc, "locales.toml")
    locale_keys = set(locales[DEFAULT_LOCALE])

    version = topics_doc.get("version")
    if not isinstance(version, str) or not version:
        raise CatalogError("topics.toml: a non-empty 'version' string is required")

    topics = _load_topics(topics_doc, "topics.toml", locale_keys)
    prompts = _load_prompts(system_doc, "system.toml", locale_keys)
    log.info(
        "catalog %s loaded: %d topics, %d prompts, locales %s",
        version,
        len(topics),
        len(prompts),
        ", ".join(locales),
    )
    return Catalog(version, topics, prompts, locales, locale_sources)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise CatalogError(f"{path.name}: file not found at {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path.name}: not valid TOML: {exc}") from exc


def _table(doc: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = doc.get(key)
    if not isinstance(value, Mapping) or not value:
        raise CatalogError(f"{where}: a non-empty [{key}] table is required")
    return value


def _text(entry: Mapping[str, Any], field: str, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{where}: missing or empty field '{field}'")
    return " ".join(value.split())


def _sources(entry: Mapping[str, Any], where: str, required: bool) -> tuple[str, ...]:
    value = entry.get("sources", [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CatalogError(f"{where}: 'sources' must be a list of strings")
    if required and not value:
        raise CatalogError(f"{where}: at least one source is required")
    for item in value:
        if not item.startswith(_SOURCE_PREFIXES):
            raise CatalogError(f"{where}: source {item!r} is neither the seed nor a web address")
    return tuple(value)


def _check_placeholders(text: str, allowed: Iterable[str], where: str) -> None:
    try:
        names = _placeholders(text)
    except ValueError as exc:
        raise CatalogError(f"{where}: broken placeholder: {exc}") from exc
    unknown = names - set(allowed)
    if unknown:
        raise CatalogError(f"{where}: unknown placeholder(s) {sorted(unknown)}")


def _load_locales(
    doc: Mapping[str, Any], filename: str
) -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, ...]]]:
    table = _table(doc, "locales", filename)
    if DEFAULT_LOCALE not in table or GENERIC_LOCALE not in table:
        raise CatalogError(
            f"{filename}: locales {DEFAULT_LOCALE!r} and {GENERIC_LOCALE!r} are required"
        )
    keys: set[str] | None = None
    locales: dict[str, dict[str, str]] = {}
    sources: dict[str, tuple[str, ...]] = {}
    for name, entry in table.items():
        where = f"{filename}: locales.{name}"
        if not isinstance(entry, Mapping):
            raise CatalogError(f"{where}: must be a table")
        values = {k: _text(entry, k, where) for k in entry if k != "sources"}
        if keys is None:
            keys = set(values)
        elif set(values) != keys:
            raise CatalogError(
                f"{where}: keys differ from the first locale: "
                f"missing {sorted(keys - set(values))}, extra {sorted(set(values) - keys)}"
            )
        locales[name] = values
        sources[name] = _sources(entry, where, required=name != GENERIC_LOCALE)
    return locales, sources


def _load_topics(doc: Mapping[str, Any], filename: str, locale_keys: set[str]) -> dict[str, Topic]:
    table = _table(doc, "topics", filename)
    topics: dict[str, Topic] = {}
    for intent, entry in table.items():
        where = f"{filename}: topics.{intent}"
        if not isinstance(entry, Mapping):
            raise CatalogError(f"{where}: must be a table")
        unknown_fields = set(entry) - set(TOPIC_FIELDS) - {"follow_up", "asked_in_more"}
        if unknown_fields:
            raise CatalogError(f"{where}: unknown field(s) {sorted(unknown_fields)}")
        texts = {f: _text(entry, f, where) for f in TOPIC_FIELDS if f != "sources"}
        for field_name, text in texts.items():
            _check_placeholders(text, locale_keys, f"{where}.{field_name}")
        follow_up = entry.get("follow_up")
        if follow_up is not None and follow_up not in table:
            raise CatalogError(f"{where}: follow_up {follow_up!r} is not a topic")
        topics[intent] = Topic(
            intent=intent,
            sources=_sources(entry, where, required=True),
            follow_up=follow_up,
            asked_in_more=_words(entry, "asked_in_more", where),
            **texts,
        )
    return topics


def _words(entry: Mapping[str, Any], field_name: str, where: str) -> frozenset[str]:
    """A list of single words as normalised text spells them ("bath", "dentist")."""
    value = entry.get(field_name, [])
    if not isinstance(value, list) or not all(
        isinstance(item, str) and _WORD.fullmatch(item) for item in value
    ):
        raise CatalogError(f"{where}: '{field_name}' must be a list of lowercase words")
    return frozenset(value)


def _load_prompts(
    doc: Mapping[str, Any], filename: str, locale_keys: set[str]
) -> dict[str, Prompt]:
    table = _table(doc, "prompts", filename)
    prompts: dict[str, Prompt] = {}
    for key, entry in table.items():
        where = f"{filename}: prompts.{key}"
        if not isinstance(entry, Mapping):
            raise CatalogError(f"{where}: must be a table")
        unknown_fields = set(entry) - {"text", "params", "sources", *CHANNELS}
        if unknown_fields:
            raise CatalogError(f"{where}: unknown field(s) {sorted(unknown_fields)}")
        params = entry.get("params", [])
        if not isinstance(params, list) or not all(isinstance(p, str) for p in params):
            raise CatalogError(f"{where}: 'params' must be a list of names")
        allowed = locale_keys | set(params)
        text = _text(entry, "text", where)
        _check_placeholders(text, allowed, f"{where}.text")
        variants = {}
        for channel in CHANNELS:
            if channel in entry:
                variants[channel] = _text(entry, channel, where)
                _check_placeholders(variants[channel], allowed, f"{where}.{channel}")
        prompts[key] = Prompt(
            key=key,
            text=text,
            variants=variants,
            params=frozenset(params),
            sources=_sources(entry, where, required=False),
        )
    return prompts
