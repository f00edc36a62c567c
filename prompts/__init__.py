"""What is said: the content catalog (topics, system prompts, locale overlays) and its renderer."""

from prompts.catalog import Catalog, CatalogError, Topic, load_catalog

__all__ = ["Catalog", "CatalogError", "Topic", "load_catalog"]
