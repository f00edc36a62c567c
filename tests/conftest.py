"""Shared fixtures: one assistant for the whole run, and a dev-mode app and client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from angiovoice.app import create_app
from angiovoice.assistant import Assistant, get_assistant
from angiovoice.settings import Settings


@pytest.fixture(scope="session")
def assistant() -> Assistant:
    return get_assistant()


@pytest.fixture
def settings() -> Settings:
    """Development settings: no request verification (tests of verification build their own)."""
    return Settings(dev=True, verify_signature=False, verify_timestamp=False)


@pytest.fixture
def app(settings: Settings, assistant: Assistant) -> Iterator[Flask]:
    application = create_app(settings, assistant)
    application.config["TESTING"] = True
    yield application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
