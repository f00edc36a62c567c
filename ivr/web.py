"""Placeholder: the phone endpoints are built by the phone channel issue."""

from __future__ import annotations

from flask import Blueprint

from angiovoice.assistant import Assistant
from angiovoice.settings import Settings


def create_blueprint(settings: Settings, assistant: Assistant) -> Blueprint:
    return Blueprint("phone", __name__)
