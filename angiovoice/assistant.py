"""The assistant: content, understanding and handlers, loaded and validated once."""

from __future__ import annotations

import threading
from functools import cached_property, lru_cache

from intents.catalog import IntentCatalog, load_intent_catalog
from intents.handlers import Router
from intents.understand import Matcher, Understander
from prompts import Catalog, load_catalog


class Assistant:
    """The spoken content, the intent catalog, the understanding of text, and the router.

    The content catalog is loaded and checked at once. The sample utterances, and the matcher
    learnt from them, are loaded on first use: an Alexa request on a fresh Lambda container
    needs neither. `load_everything` loads and checks them now; the web app and the CLI call it
    at start-up, so a bad samples file still stops start-up there.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._lock = threading.Lock()
        self.understander = Understander(lambda: Matcher(self.intents.samples))
        self.router = Router(catalog, self.understander)

    @cached_property
    def intents(self) -> IntentCatalog:
        with self._lock:
            return load_intent_catalog()

    def load_everything(self) -> Assistant:
        self.understander.matcher  # noqa: B018 - builds the matcher, loading the samples
        return self


def build_assistant() -> Assistant:
    """Load the content and check it; raises on any content error."""
    return Assistant(load_catalog())


@lru_cache(maxsize=1)
def get_assistant() -> Assistant:
    """The process-wide assistant (built on first use)."""
    return build_assistant()
