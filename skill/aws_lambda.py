"""The skill on AWS Lambda.

Lambda invocations come from the Alexa Skills Kit trigger, which AWS authenticates, so there is
no signature to check (Amazon: a Lambda-hosted skill need not verify signatures). The
application id is still checked when ALEXA_SKILL_ID is set; set it, or restrict the trigger to
your skill id in the Lambda console. Everything is built once per container (cold start).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

from angiovoice.assistant import get_assistant
from angiovoice.settings import Settings
from skill.adapter import AlexaSkill
from skill.appid import check_application_id

log = logging.getLogger(__name__)

_lock = threading.Lock()
_built: tuple[Settings, AlexaSkill] | None = None


def _skill() -> tuple[Settings, AlexaSkill]:
    global _built
    with _lock:
        if _built is None:
            settings = Settings.from_env()
            if not settings.alexa_skill_id:
                log.warning(
                    "ALEXA_SKILL_ID is not set: any skill's requests are answered; set it, or "
                    "enable skill ID verification on the Lambda's Alexa Skills Kit trigger"
                )
            _built = (settings, AlexaSkill(get_assistant(), default_locale=settings.locale))
        return _built


def handle(event: Mapping[str, Any], context: Any = None) -> dict[str, Any]:
    """Answer one event. A request for another skill raises (Lambda reports it as an error);
    an event that is not an Alexa request at all raises `skill.adapter.MalformedRequest`."""
    settings, skill = _skill()
    if settings.alexa_skill_id:
        check_application_id(event, settings.alexa_skill_id)
    return skill.handle(event, context)
