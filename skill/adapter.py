"""The Alexa adapter: an ask-sdk-core CustomSkill in front of the shared router.

One generic request handler turns every request into a neutral `Turn`, hands it to
`Router.respond` and renders the `Reply`; one exception handler turns any failure into the
router's error reply (or, if even the turn cannot be built, the fixed last-resort sentence).
No intent logic lives here: routing is the router's map.

Dialog state travels in the session attributes and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar, NamedTuple, TypeVar

from ask_sdk_core.dispatch_components.exception_components import AbstractExceptionHandler
from ask_sdk_core.dispatch_components.request_components import AbstractRequestHandler
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model.intent_request import IntentRequest
from ask_sdk_model.request import Request
from ask_sdk_model.request_envelope import RequestEnvelope
from ask_sdk_model.response import Response
from ask_sdk_model.session_ended_request import SessionEndedRequest

from angiovoice import observe
from angiovoice.assistant import Assistant
from intents import catalog as ic
from intents.model import DialogState, Reply, Turn
from prompts.catalog import DEFAULT_LOCALE
from skill import render, subjects

log = logging.getLogger(__name__)
T = TypeVar("T")

CHANNEL = "alexa"
LAUNCH_REQUEST = "LaunchRequest"
INTENT_REQUEST = "IntentRequest"
SESSION_ENDED_REQUEST = "SessionEndedRequest"
APL_INTERFACE = "Alexa.Presentation.APL"


class MalformedRequest(ValueError):
    """The body is not an Alexa request envelope; the message is short and safe to return."""


class UnknownRequest(Request):
    """A request type this version of ask-sdk-model does not know. It is answered politely
    (or silently, outside a session) instead of failing deserialisation."""

    def __init__(
        self, object_type: str, request_id: str | None = None, locale: str | None = None
    ) -> None:
        super().__init__(object_type=object_type, request_id=request_id, locale=locale)


# -- request -> Turn ----------------------------------------------------------------------------


def request_type(handler_input: HandlerInput) -> str:
    request = handler_input.request_envelope.request
    kind = request.object_type if request is not None else None
    return kind or ""


def has_session(handler_input: HandlerInput) -> bool:
    return handler_input.request_envelope.session is not None


def build_turn(handler_input: HandlerInput, default_locale: str = DEFAULT_LOCALE) -> Turn:
    """The neutral turn for an Alexa request.

    LaunchRequest becomes the launch intent and IntentRequest its intent name; any other request
    type that reaches here is inside a session and is treated as something we did not catch.
    Alexa sends no raw text, but slot values, if an intent has any, are passed as text so the
    emergency detector still hears them. The model's questions naming a subject ("can I take
    ibuprofen?", skill/subjects.py) become a turn of text alone, the question with the subject
    named, which the router understands as typed text; with nothing named, a request not
    caught.
    """
    envelope = handler_input.request_envelope
    request = envelope.request
    session = envelope.session
    if request is None:
        raise MalformedRequest("the envelope has no request object")
    text: str | None = None
    intent: str | None
    if request.object_type == LAUNCH_REQUEST:
        intent = ic.LAUNCH
    elif isinstance(request, IntentRequest) and request.intent is not None:
        intent = request.intent.name or ic.FALLBACK
        text = _slot_text(request)
        question = subjects.BY_INTENT.get(intent)
        if question is not None:  # "can I take {subject}": the question, as typed text
            text = question.text(text) if text else None
            intent = None if text else ic.FALLBACK
    else:
        intent = ic.FALLBACK
    attributes = session.attributes if session is not None else None
    return Turn(
        channel=CHANNEL,
        locale=request.locale or default_locale,
        intent=intent,
        text=text,
        state=DialogState.from_mapping(attributes if isinstance(attributes, Mapping) else None),
        new_session=bool(session is not None and session.new),
    )


def _slot_text(request: IntentRequest) -> str | None:
    slots = (request.intent.slots if request.intent is not None else None) or {}
    values = [
        slot.value.strip()
        for _, slot in sorted(slots.items())
        if slot is not None and isinstance(slot.value, str) and slot.value.strip()
    ]
    return " ".join(values) or None


def may_speak(handler_input: HandlerInput) -> bool:
    """Whether Alexa accepts speech in reply: not to SessionEndedRequest, nor to the events that
    arrive outside a session (audio player, skill and list events)."""
    kind = request_type(handler_input)
    if kind == SESSION_ENDED_REQUEST:
        return False
    return kind in (LAUNCH_REQUEST, INTENT_REQUEST) or has_session(handler_input)


def has_screen(handler_input: HandlerInput) -> bool:
    """True when the device says it renders APL (context.System.device.supportedInterfaces)."""
    context = handler_input.request_envelope.context
    system = context.system if context is not None else None
    device = system.device if system is not None else None
    interfaces = device.supported_interfaces if device is not None else None
    return interfaces is not None and interfaces.alexa_presentation_apl is not None


# -- the two handlers ---------------------------------------------------------------------------


class RouterRequestHandler(AbstractRequestHandler):
    """Handles every request: the router decides what it means."""

    def __init__(self, assistant: Assistant, default_locale: str) -> None:
        self.assistant = assistant
        self.default_locale = default_locale

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        kind = request_type(handler_input)
        builder = handler_input.response_builder
        if kind == SESSION_ENDED_REQUEST:
            _log_session_end(handler_input)
            return render.silent_response(builder)
        if not may_speak(handler_input):
            log.info("alexa: %s outside a session, answered without speech", kind)
            return render.silent_response(builder)
        if kind not in (LAUNCH_REQUEST, INTENT_REQUEST):
            log.info("alexa: unexpected request type %s in a session, answered as fallback", kind)
        turn = build_turn(handler_input, self.default_locale)
        reply = self.assistant.router.respond(turn)
        return respond(handler_input, self.assistant, turn, reply)


class ErrorHandler(AbstractExceptionHandler):
    """Any exception becomes a valid answer that still says what to do for chest pain."""

    def __init__(self, assistant: Assistant, default_locale: str) -> None:
        self.assistant = assistant
        self.default_locale = default_locale

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.error("alexa: request failed", exc_info=exception)
        builder = handler_input.response_builder
        try:
            if not may_speak(handler_input):
                return render.silent_response(builder)
            turn = build_turn(handler_input, self.default_locale)
            return respond(handler_input, self.assistant, turn, self.assistant.router.error(turn))
        except Exception:
            log.exception("alexa: could not build the error reply; using the last resort")
            observe.note_error()
            return render.last_resort_response(_fresh_builder(handler_input))


def respond(
    handler_input: HandlerInput, assistant: Assistant, turn: Turn, reply: Reply
) -> Response:
    """Render a reply and keep its dialog state in the session attributes."""
    observe.note_reply(turn, reply)  # for the turn's event
    if has_session(handler_input):
        handler_input.attributes_manager.session_attributes = dict(reply.state.to_dict())
    number = assistant.catalog.locale_values(turn.locale)["emergency_number"]
    return render.reply_response(
        handler_input.response_builder,
        reply,
        emergency_number=number,
        screen=has_screen(handler_input),
    )


def _fresh_builder(handler_input: HandlerInput) -> ResponseFactory:
    """A clean response builder, in case a failed render left half a response behind."""
    builder = ResponseFactory()
    handler_input.response_builder = builder
    return builder


def _log_session_end(handler_input: HandlerInput) -> None:
    """Log why the session ended; Alexa sends an error only when something went wrong."""
    request = handler_input.request_envelope.request
    if not isinstance(request, SessionEndedRequest):
        return
    reason = request.reason.value if request.reason is not None else None
    error = request.error
    if error is None:
        log.info("alexa: session ended, reason=%s", reason)
        return
    log.warning(
        "alexa: session ended, reason=%s error=%s %s",
        reason,
        error.object_type.value if error.object_type is not None else None,
        error.message,
    )


# -- the skill ----------------------------------------------------------------------------------


class AlexaSkill:
    """The ask-sdk-core skill, built once: a request envelope (a dict) in, a response out."""

    def __init__(self, assistant: Assistant, default_locale: str = DEFAULT_LOCALE) -> None:
        builder = SkillBuilder()
        builder.add_request_handler(RouterRequestHandler(assistant, default_locale))
        builder.add_exception_handler(ErrorHandler(assistant, default_locale))
        self.skill: CustomSkill = builder.create()
        self.serializer = EnvelopeSerializer()

    def handle(self, payload: Mapping[str, Any], context: Any = None) -> dict[str, Any]:
        """Answer one request envelope.

        Raises `MalformedRequest` when the payload is not a request envelope at all. Anything
        that fails after that still produces a valid response.
        """
        envelope = self.deserialize(payload)
        try:
            response_envelope = self.skill.invoke(request_envelope=envelope, context=context)
            serialized = self.serializer.serialize(response_envelope)
        except Exception:
            log.exception("alexa: the skill failed outside its exception handler")
            observe.note_error()
            return render.last_resort_envelope()
        if not isinstance(serialized, dict):
            log.error("alexa: the serializer returned %s", type(serialized).__name__)
            observe.note_error()
            return render.last_resort_envelope()
        return serialized

    def deserialize(self, payload: Mapping[str, Any]) -> RequestEnvelope:
        request = payload.get("request")
        if not isinstance(request, Mapping):
            raise MalformedRequest("the envelope has no request object")
        kind = request.get("type")
        if not isinstance(kind, str) or not kind:
            raise MalformedRequest("the request has no type")
        known = kind in Request.discriminator_value_class_map
        body = _read_parts(payload)
        if not known:
            del body["request"]
        try:
            envelope: RequestEnvelope = self.serializer.deserialize_mapping(body, RequestEnvelope)
        except Exception as exc:
            # The exception's text can quote the payload (user ids, slot values): not logged.
            log.info("alexa: could not read the request envelope (%s)", type(exc).__name__)
            raise MalformedRequest("the request envelope is malformed") from exc
        if not known:
            envelope.request = UnknownRequest(
                object_type=kind,
                request_id=_str_or_none(request.get("requestId")),
                locale=_str_or_none(request.get("locale")),
            )
        if envelope.request is None:
            raise MalformedRequest("the envelope has no request object")
        if envelope.session is not None:
            # Keep only our dialog state: the SDK echoes the attributes back in the response, so
            # anything else (NaN, junk nested too deep to serialise) would be returned unread.
            attributes = envelope.session.attributes
            if not isinstance(attributes, Mapping):
                attributes = None
            kept: dict[str, object] = dict(DialogState.from_mapping(attributes).to_dict())
            envelope.session.attributes = kept
        return envelope


class ModelFields(NamedTuple):
    """How a model class maps to JSON: (attribute, key) in declared order, for writing, and
    key -> (attribute, declared type), for reading."""

    keys: tuple[tuple[str, str], ...]
    attributes: dict[str, tuple[str, str]]


class EnvelopeSerializer(DefaultSerializer):
    """The SDK's serializer, without three costs on every request.

    The web view has already parsed the JSON body, so the mapping is deserialised directly
    rather than dumped and parsed again; ISO 8601 timestamps are read with the standard
    library instead of dateutil's general parser (the slowest step of a request), falling back
    to it for any other form; and what a model class is made of (the class a type name stands
    for, which payload key fills which attribute) is worked out once per class, not again for
    every object of every request. All of these hook into DefaultSerializer's private methods,
    which is why ask-sdk-core is pinned; tests/test_alexa_skill.py checks the result is the same.
    """

    _classes: ClassVar[dict[str, Any]] = {}
    _fields: ClassVar[dict[type, ModelFields]] = {}

    def serialize(self, obj: Any) -> Any:
        """DefaultSerializer's, with each model class's attribute map read once."""
        if isinstance(obj, dict) or getattr(obj, "deserialized_types", None) is None:
            return super().serialize(obj)  # values, lists and dicts: the SDK's own rules
        return {
            key: self.serialize(value)
            for attribute, key in self._fields_of(type(obj)).keys
            if (value := getattr(obj, attribute)) is not None
        }

    def _fields_of(self, model: type) -> ModelFields:
        fields = self._fields.get(model)
        if fields is None:
            names = dict(getattr(model, "attribute_map", {}))
            declared = model.deserialized_types  # type: ignore[attr-defined]
            names.update({k: k for k in declared if k not in names})
            fields = ModelFields(
                keys=tuple((attribute, names[attribute]) for attribute in declared),
                attributes={names[a]: (a, kind) for a, kind in declared.items()},
            )
            self._fields[model] = fields
        return fields

    def deserialize_mapping(self, payload: Mapping[str, Any], obj_type: type[T]) -> T:
        result: T = self._DefaultSerializer__deserialize(dict(payload), obj_type)  # type: ignore[attr-defined]
        return result

    def _DefaultSerializer__load_class_from_name(self, class_name: str) -> Any:
        found = self._classes.get(class_name)
        if found is None:
            found = super()._DefaultSerializer__load_class_from_name(class_name)  # type: ignore[misc]
            self._classes[class_name] = found
        return found

    def _DefaultSerializer__deserialize_model(self, payload: Any, obj_type: Any) -> Any:
        """DefaultSerializer's, with each class's attribute map read once."""
        try:
            if issubclass(obj_type, Enum):
                return obj_type(payload)
            if not hasattr(obj_type, "deserialized_types"):
                return payload
            if hasattr(obj_type, "get_real_child_model"):
                obj_type = self._DefaultSerializer__get_obj_by_discriminator(payload, obj_type)  # type: ignore[attr-defined]
            if not isinstance(payload, dict):  # not an object: fail (or not) as the SDK does
                return super()._DefaultSerializer__deserialize_model(payload, obj_type)  # type: ignore[misc]
            attributes = self._fields_of(obj_type).attributes
            deserialize = self._DefaultSerializer__deserialize  # type: ignore[attr-defined]
            model = obj_type()
            for key, value in payload.items():
                known = attributes.get(key)
                if known is None:  # a field these models do not know: kept as it came
                    setattr(model, key, value)
                else:
                    setattr(model, known[0], deserialize(value, known[1]))
            return model
        except SerializationException:
            raise
        except Exception as exc:
            raise SerializationException(str(exc)) from exc

    def _DefaultSerializer__deserialize_datetime(self, payload: Any, obj_type: Any) -> Any:
        if isinstance(payload, str):
            try:
                parsed = datetime.fromisoformat(payload)
            except ValueError:
                pass
            else:
                return parsed.date() if obj_type is date else parsed
        return super()._DefaultSerializer__deserialize_datetime(payload, obj_type)  # type: ignore[misc]


def _read_parts(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of an envelope the skill reads: the version, the session, the request, and of
    the context only the device's supported interfaces (for APL). The rest of the context (the
    device's viewports, the audio player, the user's and the API's tokens...) can be larger
    than all of these together and is not turned into model objects on every request."""
    body = {key: payload[key] for key in ("version", "session", "request") if key in payload}
    context = payload.get("context")
    system = context.get("System") if isinstance(context, Mapping) else None
    device = system.get("device") if isinstance(system, Mapping) else None
    if isinstance(device, Mapping) and "supportedInterfaces" in device:
        interfaces = device["supportedInterfaces"]
        body["context"] = {"System": {"device": {"supportedInterfaces": interfaces}}}
    return body


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
