"""The assistant: content, understanding and handlers, loaded and validated once."""

from __future__ import annotations

import threading
from functools import lru_cache

from intents.catalog import IntentCatalog, load_intent_catalog
from intents.handlers import Router
from intents.understand import Matcher, Understander
from prompts import Catalog, load_catalog


class Assistant:
    """The spoken content, the intent catalog, the understanding of text, and the router.

    The content catalog is loaded and checked at once. The sample utterances, the matcher
    learnt from them and the red-flag patterns are loaded on first use: an Alexa request on a
    fresh Lambda container needs none of them. `load_everything` loads and checks them now; the
    web app calls it at start-up, so a bad samples file still stops start-up there, and no
    worker's first caller waits for them.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._intents: IntentCatalog | None = None
        self._lock = threading.Lock()
        self.understander = Understander(lambda: Matcher(self.intents.samples))
        self.router = Router(catalog, self.understander)

    @property
    def intents(self) -> IntentCatalog:
        if self._intents is None:
            with self._lock:  # one load, however many threads ask at once
                if self._intents is None:
                    self._intents = load_intent_catalog()
        return self._intents

    def load_everything(self) -> Assistant:
        # Understanding any text builds the matcher and compiles the red-flag patterns.
        self.understander.understand("hello")
        self.understander.best_topic("hello")
        return self


def build_assistant() -> Assistant:
    """Load the content and check it; raises on any content error."""
    return Assistant(load_catalog())


@lru_cache(maxsize=1)
def get_assistant() -> Assistant:
    """The process-wide assistant (built on first use)."""
    return build_assistant()
