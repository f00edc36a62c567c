"""The neutral `Reply` as an Alexa response: SSML, reprompt, card, and APL on screens.

Every string that reaches SSML or APL is escaped here; the only markup added is paragraph
breaks and a ``say-as`` around the locale's emergency number, so "999" is read as three
digits and not as "nine hundred ninety-nine".
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from html import escape as _html_escape
from typing import TYPE_CHECKING, Any

from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_model.response import Response
from ask_sdk_model.ui.simple_card import SimpleCard

from intents.model import Reply
from prompts.catalog import replace_number
from prompts.static import LAST_RESORT

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.alexa.presentation.apl.render_document_directive import (
        RenderDocumentDirective,
    )

log = logging.getLogger(__name__)

# Alexa rejects outputSpeech over 8,000 characters; stay well under, <speak> tags included.
MAX_SPEECH_CHARS = 7500
MAX_CARD_CHARS = 7500
APL_TOKEN = "angiovoice-answer"
APL_VERSION = "1.6"
_SPEAK_TAGS = len("<speak></speak>")


def escape(text: str) -> str:
    """Escape &, < and > for SSML and APL text (quotes need no escaping in element content)."""
    return _html_escape(text, quote=False)


def _escape(text: str, emergency_number: str | None) -> str:
    digits = f'<say-as interpret-as="digits">{emergency_number}</say-as>'
    return replace_number(escape(text), emergency_number, digits)


def ssml(paragraphs: Sequence[str], emergency_number: str | None = None) -> str:
    """The inside of a ``<speak>`` element: one ``<p>`` per paragraph, all text escaped.

    Paragraphs that would take the speech past Alexa's limit are dropped from the end (the
    first one, which carries any emergency instruction, is always kept, shortened if it must
    be), and the drop is logged.
    """
    out: list[str] = []
    used = _SPEAK_TAGS
    for paragraph in paragraphs:
        rendered = f"<p>{_escape(paragraph, emergency_number)}</p>"
        if used + len(rendered) > MAX_SPEECH_CHARS:
            if not out:
                out.append(_shorten(paragraph, emergency_number, MAX_SPEECH_CHARS - used))
            log.warning(
                "speech too long for Alexa: kept %d of %d paragraphs", len(out), len(paragraphs)
            )
            break
        out.append(rendered)
        used += len(rendered)
    return "".join(out)


def _shorten(text: str, emergency_number: str | None, budget: int) -> str:
    words = text.split()
    while words:
        rendered = f"<p>{_escape(' '.join(words), emergency_number)}</p>"
        if len(rendered) <= budget:
            return rendered
        words = words[: min(len(words) * 9 // 10, len(words) - 1)]
    return ""


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def apl_directive(title: str, text: str) -> RenderDocumentDirective:
    """A small APL document: the answer's title and text, scrollable, nothing interactive."""
    # Imported here: only devices with a screen need it, and it is slow to import.
    from ask_sdk_model.interfaces.alexa.presentation.apl.render_document_directive import (
        RenderDocumentDirective,
    )

    document: dict[str, Any] = {
        "type": "APL",
        "version": APL_VERSION,
        "theme": "dark",
        "mainTemplate": {
            "parameters": ["payload"],
            "items": [
                {
                    "type": "ScrollView",
                    "width": "100vw",
                    "height": "100vh",
                    "item": {
                        "type": "Container",
                        "paddingLeft": "48dp",
                        "paddingRight": "48dp",
                        "paddingTop": "32dp",
                        "paddingBottom": "32dp",
                        "items": [
                            {
                                "type": "Text",
                                "text": "${payload.answer.title}",
                                "fontSize": "36dp",
                                "fontWeight": "bold",
                            },
                            {
                                "type": "Text",
                                "text": "${payload.answer.text}",
                                "fontSize": "26dp",
                                "paddingTop": "24dp",
                            },
                        ],
                    },
                }
            ],
        },
    }
    # APL Text reads a little markup (<br>, <b>...), so the content is escaped for it too.
    datasources: dict[str, Any] = {
        "answer": {"title": escape(title), "text": escape(_clip(text, MAX_CARD_CHARS))}
    }
    return RenderDocumentDirective(token=APL_TOKEN, document=document, datasources=datasources)


def reply_response(
    builder: ResponseFactory,
    reply: Reply,
    *,
    emergency_number: str | None,
    screen: bool,
) -> Response:
    """Speech, a reprompt while the session stays open, a Simple card, APL if there is a screen.

    shouldEndSession is always set: true when the reply ends the conversation, false otherwise.
    """
    builder.speak(ssml(reply.speech, emergency_number))
    if reply.end_session:
        builder.set_should_end_session(True)
    else:
        reprompt = reply.reprompt or reply.speech[-1]
        builder.ask(ssml((reprompt,), emergency_number))
        builder.set_should_end_session(False)
    builder.set_card(
        SimpleCard(title=reply.card_title, content=_clip(reply.card_text, MAX_CARD_CHARS))
    )
    if screen:
        builder.add_directive(apl_directive(reply.card_title, reply.card_text))
    response: Response = builder.response
    return response


def silent_response(builder: ResponseFactory) -> Response:
    """For requests that may not be answered with speech (SessionEndedRequest, audio events)."""
    builder.set_should_end_session(True)
    response: Response = builder.response
    return response


def last_resort_response(builder: ResponseFactory) -> Response:
    """When even the error reply could not be built: the fixed sentence, then end."""
    builder.speak(ssml((LAST_RESORT,)))
    builder.set_should_end_session(True)
    response: Response = builder.response
    return response


def last_resort_envelope() -> dict[str, Any]:
    """The same, as a complete response envelope built without the SDK."""
    return {
        "version": "1.0",
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": f"<speak>{ssml((LAST_RESORT,))}</speak>"},
            "shouldEndSession": True,
        },
    }
