"""The assistant: content, understanding and handlers, loaded and validated once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from intents.catalog import IntentCatalog, load_intent_catalog
from intents.handlers import Router
from intents.understand import Matcher, Understander
from prompts import Catalog, load_catalog


@dataclass(frozen=True)
class Assistant:
    catalog: Catalog
    intents: IntentCatalog
    understander: Understander
    router: Router


def build_assistant() -> Assistant:
    """Load every content file and check them together; raises on any content error."""
    catalog = load_catalog()
    intents = load_intent_catalog()
    understander = Understander(Matcher(intents.samples))
    return Assistant(catalog, intents, understander, Router(catalog, understander))


@lru_cache(maxsize=1)
def get_assistant() -> Assistant:
    """The process-wide assistant (built on first use; immutable afterwards)."""
    return build_assistant()
