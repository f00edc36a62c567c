"""The application-id check, and the error every request check raises.

Kept apart from skill/verify.py so the Lambda entry point, which needs only this check, does
not import the X.509 machinery at cold start.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class VerificationError(Exception):
    """A request failed verification; ``reason`` is short and safe to return to the caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def application_id(envelope: Mapping[str, Any]) -> str | None:
    """The application id: context.System first (always sent), then session (older requests)."""
    for path in (("context", "System", "application"), ("session", "application")):
        node: Any = envelope
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        value = node.get("applicationId") if isinstance(node, Mapping) else None
        if isinstance(value, str) and value:
            return value
    return None


def check_application_id(envelope: Mapping[str, Any], expected: str) -> None:
    if application_id(envelope) != expected:
        raise VerificationError("application id does not match this skill")
