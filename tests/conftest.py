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


@pytest.fixture(scope="session", autouse=True)
def _events_stay_out_of_the_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A server a test starts from the environment (Settings.from_env) keeps its turn events and
    salt in a temporary directory, never in ./data nor in a DATABASE_URL of the developer's.
    (A Settings built in code without data_dir keeps no events at all.)"""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANGIOVOICE_DATA_DIR", str(tmp_path_factory.mktemp("angiovoice-data")))
        patch.delenv("DATABASE_URL", raising=False)
        patch.delenv("ANGIOVOICE_HASH_SALT", raising=False)
        yield


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
