"""A stand-in for Twilio, for tests: it places a call on the Flask app and plays Twilio's part.

It posts the form fields Twilio posts (CallSid, From, To, ToCountry, Digits, SpeechResult,
Confidence...), signs requests as Twilio does when given the auth token, parses every answer
as XML, checks that it is TwiML Twilio accepts (`check_twiml`), and executes it as Twilio
would: it speaks the <Say>s, waits at a <Gather>, follows <Redirect>s, rings a <Dial>'s number
and stops at <Hangup> or at the end of the document.

    call = PhoneCall(client)
    step = call.start()               # the greeting and the main menu
    step = call.press("2")            # a key at the waiting Gather
    step = call.say("when can I drive")
    step = call.silence()             # nothing: actionOnEmptyResult posts anyway
    assert "Do not drive" in step.text and step.level == "answer"

A `Step` is what the caller experienced between two inputs: the sentences heard, the Gather
now waiting (if any), whether the call ended, the number dialled.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urljoin, urlsplit

from flask.testing import FlaskClient
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from angiovoice.app import create_app
from angiovoice.assistant import Assistant
from angiovoice.settings import Settings

# -- what Twilio accepts -------------------------------------------------------------------

MAX_DOCUMENT_BYTES = 64_000
MAX_SAY_CHARS = 4096
MAX_HINTS = 500
MAX_HINT_CHARS = 100
# Numbers this project must never <Dial>: a bridged call would reach the emergency centre of
# the hotline's registered address, not the caller's.
EMERGENCY_NUMBERS = frozenset(
    {"911", "999", "112", "000", "108", "102", "+911", "+999", "+112", "+000", "+108", "+102"}
)

Check = Callable[[str], bool]


def _one_of(*values: str) -> Check:
    return lambda value: value in values


def _int(low: int, high: int) -> Check:
    return lambda value: value.isdigit() and low <= int(value) <= high


def _url(value: str) -> bool:
    if not value or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    if parts.scheme:
        return parts.scheme in ("http", "https") and bool(parts.netloc)
    return value.startswith("/")


def _language(value: str) -> bool:
    return re.fullmatch(r"[a-z]{2}-[A-Z]{2}", value) is not None


def _voice(value: str) -> bool:
    return (
        value in ("man", "woman", "alice")
        or re.fullmatch(r"(Polly|Google)\.[A-Za-z0-9-]+", value) is not None
    )


def _hints(value: str) -> bool:
    hints = [hint.strip() for hint in value.split(",")]
    return 0 < len(hints) <= MAX_HINTS and all(0 < len(h) <= MAX_HINT_CHARS for h in hints)


def _speech_timeout(value: str) -> bool:
    return value == "auto" or _int(1, 60)(value)


_BOOL = _one_of("true", "false")
_METHOD = _one_of("GET", "POST")

ATTRIBUTES: Mapping[str, Mapping[str, Check]] = {
    "Response": {},
    "Say": {"voice": _voice, "language": _language, "loop": _int(0, 1000)},
    "Play": {"loop": _int(0, 1000), "digits": lambda v: re.fullmatch(r"[0-9wW*#]+", v) is not None},
    "Pause": {"length": _int(1, 600)},
    "Gather": {
        "input": _one_of("dtmf", "speech", "dtmf speech", "speech dtmf"),
        "action": _url,
        "method": _METHOD,
        "timeout": _int(1, 600),
        "speechTimeout": _speech_timeout,
        "finishOnKey": _one_of("", *"0123456789#*"),
        "numDigits": _int(1, 100),
        "language": _language,
        "hints": _hints,
        "bargeIn": _BOOL,
        "actionOnEmptyResult": _BOOL,
        "profanityFilter": _BOOL,
        "speechModel": lambda v: bool(v),
        "enhanced": _BOOL,
    },
    "Redirect": {"method": _METHOD},
    "Dial": {
        "action": _url,
        "method": _METHOD,
        "timeout": _int(5, 600),
        "timeLimit": _int(1, 86_400),
        "callerId": lambda v: re.fullmatch(r"\+?[0-9]{3,15}", v) is not None,
        "answerOnBridge": _BOOL,
        "hangupOnStar": _BOOL,
    },
    "Number": {"url": _url, "method": _METHOD, "sendDigits": lambda v: bool(v)},
    "Hangup": {},
}
CHILDREN: Mapping[str, frozenset[str]] = {
    "Response": frozenset({"Say", "Play", "Pause", "Gather", "Redirect", "Dial", "Hangup"}),
    "Gather": frozenset({"Say", "Play", "Pause"}),
    "Dial": frozenset({"Number"}),
}
# Elements whose text is their content; the others must hold none.
TEXT: Mapping[str, Check] = {
    "Say": lambda text: 0 < len(text.strip()) < MAX_SAY_CHARS,
    "Play": _url,
    "Redirect": _url,
    "Number": lambda text: re.fullmatch(r"\+?[0-9]{3,15}", text.strip()) is not None,
    "Dial": lambda text: (
        not text.strip() or re.fullmatch(r"\+?[0-9]{3,15}", text.strip()) is not None
    ),
}


class TwimlError(AssertionError):
    """The document is not TwiML Twilio would accept."""


def check_twiml(body: bytes) -> ET.Element:
    """Parse a TwiML document and check every element, attribute and text; return the root."""
    if len(body) > MAX_DOCUMENT_BYTES:
        raise TwimlError(f"document of {len(body)} bytes is over Twilio's limit")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise TwimlError(f"not XML: {exc}") from exc
    if root.tag != "Response":
        raise TwimlError(f"root is <{root.tag}>, not <Response>")
    _check_element(root, "Response")
    verbs = list(root)
    for index, verb in enumerate(verbs):
        if verb.tag == "Hangup" and index != len(verbs) - 1:
            raise TwimlError("verbs after <Hangup> are never reached")
    return root


def _check_element(element: ET.Element, where: str) -> None:
    allowed = ATTRIBUTES.get(element.tag)
    if allowed is None:
        raise TwimlError(f"{where}: <{element.tag}> is not a verb or noun Twilio knows here")
    for name, value in element.attrib.items():
        check = allowed.get(name)
        if check is None:
            raise TwimlError(f"{where}: <{element.tag}> has no attribute {name!r}")
        if not check(value):
            raise TwimlError(f"{where}: <{element.tag} {name}={value!r}> is not accepted")
    if element.get("speechModel") and element.get("speechTimeout") == "auto":
        raise TwimlError(f"{where}: speechTimeout='auto' cannot go with a speechModel")
    text = (element.text or "").strip()
    check_text = TEXT.get(element.tag)
    if check_text is not None:
        if not check_text(element.text or ""):
            raise TwimlError(f"{where}: <{element.tag}> text {text[:60]!r} is not accepted")
    elif text:
        raise TwimlError(f"{where}: <{element.tag}> cannot hold text")
    if element.tag in ("Dial", "Number") and text in EMERGENCY_NUMBERS:
        raise TwimlError(f"{where}: this line must never dial the emergency number {text}")
    children = CHILDREN.get(element.tag, frozenset())
    for index, child in enumerate(element):
        if (child.tail or "").strip():
            raise TwimlError(f"{where}: stray text after <{child.tag}>")
        if child.tag not in children:
            raise TwimlError(f"{where}: <{child.tag}> cannot be nested in <{element.tag}>")
        _check_element(child, f"{where}/{child.tag}[{index}]")


# -- the call ------------------------------------------------------------------------------


@dataclass
class Step:
    """What the caller experienced between two inputs."""

    says: list[str] = field(default_factory=list)
    documents: list[ET.Element] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    gather: ET.Element | None = None
    after_gather: list[ET.Element] = field(default_factory=list)
    dial: ET.Element | None = None
    after_dial: list[ET.Element] = field(default_factory=list)
    hung_up: bool = False
    statuses: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.says)

    @property
    def action(self) -> str | None:
        return None if self.gather is None else self.gather.get("action")

    @property
    def query(self) -> dict[str, list[str]]:
        """The state the app put in the waiting Gather's action URL."""
        return parse_qs(urlsplit(self.action or "").query, keep_blank_values=True)

    @property
    def level(self) -> str | None:
        values = self.query.get("at")
        return values[0] if values else None

    @property
    def dialed(self) -> str | None:
        if self.dial is None:
            return None
        number = self.dial.find("Number")
        return (number.text or "").strip() if number is not None else (self.dial.text or "")


_SIDS = itertools.count(1)


class PhoneCall:
    """One call to the app, as Twilio would place it.

    base_url is the address Twilio thinks it is calling (signatures are computed over it);
    auth_token, when given, signs every request with X-Twilio-Signature.
    """

    MAX_REDIRECTS = 10

    def __init__(
        self,
        client: FlaskClient,
        *,
        to: str = "+15005550006",
        caller: str = "+15551234567",
        to_country: str = "US",
        auth_token: str | None = None,
        base_url: str = "http://localhost",
        voice_path: str = "/twilio/voice",
        extra: Mapping[str, str] | None = None,
    ) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.voice_url = f"{self.base_url}{voice_path}"
        self.validator = RequestValidator(auth_token) if auth_token else None
        self.call_sid = f"CA{next(_SIDS):032x}"
        self.fields: dict[str, str] = {
            "AccountSid": "AC" + "0" * 32,
            "ApiVersion": "2010-04-01",
            "CallSid": self.call_sid,
            "Direction": "inbound",
            "From": caller,
            "Caller": caller,
            "FromCountry": to_country,
            "To": to,
            "Called": to,
            "ToCountry": to_country,
            "CalledCountry": to_country,
            **(extra or {}),
        }
        self.current: Step | None = None
        self.history: list[Step] = []
        self.ended = False

    # -- what a caller does --------------------------------------------------------------------

    def start(self) -> Step:
        """The call is answered: Twilio requests the voice webhook."""
        return self._run(self.voice_url, {"CallStatus": "ringing"})

    def press(self, key: str) -> Step:
        gather = self._waiting("dtmf")
        return self._run(self._resolve(gather.get("action")), {"Digits": key})

    def say(self, text: str, confidence: float = 0.92) -> Step:
        gather = self._waiting("speech")
        fields = {"SpeechResult": text, "Confidence": f"{confidence:.8f}"}
        return self._run(self._resolve(gather.get("action")), fields)

    def silence(self) -> Step:
        """The caller says nothing until the Gather times out."""
        gather = self._waiting(None)
        if gather.get("actionOnEmptyResult") == "true":
            return self._run(self._resolve(gather.get("action")), {})
        assert self.current is not None
        return self._execute_rest(self.current.after_gather)

    def send(self, fields: Mapping[str, str]) -> Step:
        """Post arbitrary fields to the waiting Gather's action (for absurd-input tests)."""
        gather = self._waiting(None)
        return self._run(self._resolve(gather.get("action")), dict(fields))

    def dial_outcome(self, status: str) -> Step:
        """The dialled party answered and hung up ("completed") or never answered."""
        assert self.current is not None and self.current.dial is not None, "nothing was dialled"
        dial = self.current.dial
        if dial.get("action"):
            return self._run(self._resolve(dial.get("action")), {"DialCallStatus": status})
        return self._execute_rest(self.current.after_dial)

    # -- Twilio's side -------------------------------------------------------------------------

    def _waiting(self, kind: str | None) -> ET.Element:
        assert not self.ended, "the call has ended"
        assert self.current is not None and self.current.gather is not None, "no Gather waits"
        gather = self.current.gather
        if kind is not None:
            accepted = (gather.get("input") or "dtmf").split()
            assert kind in accepted, f"the Gather does not accept {kind}: {accepted}"
        return gather

    def _resolve(self, url: str | None) -> str:
        base = self.current.urls[-1] if self.current and self.current.urls else self.voice_url
        return urljoin(base, url or base)

    def post(self, url: str, fields: Mapping[str, str]) -> tuple[int, bytes]:
        """One signed POST as Twilio makes it; returns the status and body."""
        data = {**self.fields, **fields}
        headers = {}
        if self.validator is not None:
            headers["X-Twilio-Signature"] = self.validator.compute_signature(url, data)
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = self.client.post(path, data=data, headers=headers)
        return response.status_code, response.get_data()

    def _run(self, url: str, fields: Mapping[str, str]) -> Step:
        step = Step()
        self.current = step
        self.history.append(step)
        status = "in-progress" if self.history[:-1] else "ringing"
        self._fetch(step, url, {"CallStatus": status, **fields})
        return step

    def _fetch(self, step: Step, url: str, fields: Mapping[str, str]) -> None:
        if len(step.urls) > self.MAX_REDIRECTS:
            raise AssertionError(f"more than {self.MAX_REDIRECTS} redirects in a row: {step.urls}")
        status, body = self.post(url, fields)
        step.statuses.append(status)
        step.urls.append(url)
        if status != 200:
            raise AssertionError(f"{url} answered {status}: Twilio would play an error")
        root = check_twiml(body)
        step.documents.append(root)
        self._execute(step, list(root))

    def _execute_rest(self, verbs: list[ET.Element]) -> Step:
        assert self.current is not None
        step = Step(urls=list(self.current.urls[-1:]))
        self.current = step
        self.history.append(step)
        self._execute(step, verbs)
        return step

    def _execute(self, step: Step, verbs: list[ET.Element]) -> None:
        for index, verb in enumerate(verbs):
            if verb.tag == "Say":
                step.says.append((verb.text or "").strip())
            elif verb.tag == "Gather":
                step.says.extend((say.text or "").strip() for say in verb.iter("Say"))
                step.gather = verb
                step.after_gather = verbs[index + 1 :]
                return
            elif verb.tag == "Redirect":
                target = self._resolve_from(step, verb.text or "")
                self._fetch(step, target, {"CallStatus": "in-progress"})
                return
            elif verb.tag == "Dial":
                step.dial = verb
                step.after_dial = verbs[index + 1 :]
                return
            elif verb.tag == "Hangup":
                break
        step.hung_up = True
        self.ended = True

    def _resolve_from(self, step: Step, url: str) -> str:
        return urljoin(step.urls[-1], url.strip())


def phone_client(settings: Settings, assistant: Assistant) -> FlaskClient:
    """A test client for an app built with these settings (the conftest `client` is dev mode)."""
    app = create_app(settings, assistant)
    app.config["TESTING"] = True
    return app.test_client()
