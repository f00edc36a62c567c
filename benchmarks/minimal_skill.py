"""The smallest useful ask-sdk-core skill, as a yardstick for cold starts (not product code).

One handler that answers every request with a fixed sentence, built the way the ASK SDK
samples build a Lambda skill.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import Response


class AnyRequest(AbstractRequestHandler):  # type: ignore[misc]
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.speak("Hello.").set_should_end_session(False).response


_builder = SkillBuilder()
_builder.add_request_handler(AnyRequest())
_handler = _builder.lambda_handler()


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    result: dict[str, Any] = _handler(event, context)
    return result
