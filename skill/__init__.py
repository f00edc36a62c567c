"""The Alexa channel: ask-sdk-core adapter, request verification, generated skill package.

``skill.lambda_handler`` is the AWS Lambda entry point (Handler: ``skill.lambda_handler``).
It is defined here, and imports the SDK only when called, so that importing this package stays
cheap for the other channels.
"""

from __future__ import annotations

from typing import Any


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """AWS Lambda entry point: an Alexa request envelope in, a response envelope out."""
    from skill.aws_lambda import handle

    return handle(event, context)


__all__ = ["lambda_handler"]
