"""Fuzzing both endpoints with hypothesis: whatever arrives, the phone line answers valid TwiML
that says something (never a 4xx/5xx past the signature check), and the Alexa endpoint answers
a valid response envelope or a JSON 400 (never a 500, never a body that is not JSON).

The phone strategies post Twilio-like forms to every /twilio/ route: random subsets of the
fields Twilio sends with plausible, absurd, huge and unicode values, unknown fields, repeated
fields, valid-looking and tampered state in the query string, GET as well as POST, and raw
bodies under any content type. The Alexa strategies start from the real envelopes in
tests/fixtures/alexa and mutate them: keys deleted, values of the wrong type, junk nested,
giant slot values, wrong locales, junk session attributes, unknown request types, JSON text
cut short, and bytes that were never JSON.

Reproducibility: the "angiovoice-fuzz" profile below sets ``derandomize=True``: the examples
come from a seed derived from each test function, so every run tries the same ones (until the
test, Hypothesis or Python changes) and a failure in CI fails the same way locally. It keeps no
example database (derandomize implies none). Hypothesis prints the shrunk failing input. To
search wider than CI does, run with ``ANGIOVOICE_FUZZ_PROFILE=angiovoice-fuzz-deep`` (random
seeds, 3,000 examples per test, several minutes).

The apps are built with TESTING on, so an exception a view lets escape fails the test with
its traceback instead of showing up as a 500. Every bug these tests found has a plain
regression test at the end of this file.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest
from ask_sdk_model.request import Request as AlexaRequest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from phone_sim import check_twiml
from werkzeug.datastructures import MultiDict

from angiovoice.app import create_app
from angiovoice.assistant import Assistant
from angiovoice.settings import Settings
from intents import catalog as ic
from intents.model import MORE_SUFFIX
from ivr.menu import LEVELS
from ivr.state import CallState
from prompts.catalog import GENERIC_LOCALE
from prompts.static import GOODBYE, LOCAL_NUMBER, last_resort

# -- hypothesis profile --------------------------------------------------------------------

settings.register_profile(
    "angiovoice-fuzz",
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: reproducible in CI (implies no database)
    print_blob=False,
)
settings.register_profile(
    "angiovoice-fuzz-deep",
    parent=settings.get_profile("angiovoice-fuzz"),
    max_examples=3000,
    derandomize=False,
    database=None,
)
FUZZ = settings.get_profile(os.environ.get("ANGIOVOICE_FUZZ_PROFILE", "angiovoice-fuzz"))

FIXTURES = Path(__file__).parent / "fixtures" / "alexa"
FIXTURE_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000a1e0"
SPEECH_LIMIT = 8000
CARE_TEAM = "+15005550199"
SID = "CA" + "ab" * 16

# Inputs of 20 KB are the point here; their repr in a failure report may be long.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


# -- the apps, built once per module -------------------------------------------------------


@pytest.fixture(scope="module")
def dev_client(assistant: Assistant) -> FlaskClient:
    """Development settings, as the conftest `client` (loopback requests skip signatures)."""
    app = create_app(Settings(dev=True, verify_signature=False, verify_timestamp=False), assistant)
    app.config["TESTING"] = True
    return app.test_client()


@pytest.fixture(scope="module")
def full_client(assistant: Assistant) -> FlaskClient:
    """Development settings with every option on: a care team to dial, the locale taken from
    the called number's country, and a skill id the Alexa endpoint checks."""
    settings_ = Settings(
        dev=True,
        verify_signature=False,
        verify_timestamp=False,
        care_team_number=CARE_TEAM,
        locale_from_called_country=True,
        alexa_skill_id=FIXTURE_SKILL_ID,
    )
    app = create_app(settings_, assistant)
    app.config["TESTING"] = True
    return app.test_client()


@pytest.fixture(params=["dev", "full"])
def any_client(
    request: pytest.FixtureRequest, dev_client: FlaskClient, full_client: FlaskClient
) -> FlaskClient:
    return dev_client if request.param == "dev" else full_client


# -- what went wrong inside, from the logs -------------------------------------------------


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def recorded(*names: str) -> Iterator[list[logging.LogRecord]]:
    """The WARNING and worse records these loggers emit inside the block."""
    recorder = _Recorder()
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(recorder)
        logger.setLevel(logging.WARNING)
    try:
        yield recorder.records
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(recorder)
            logger.setLevel(level)


# == the phone line ========================================================================

PHONE_ROUTES = ("/twilio/voice", "/twilio/gather", "/twilio/dial", "/twilio/fallback")
ALL_PHONE_ROUTES = (*PHONE_ROUTES, "/twilio/status")
STATE_ROUTES = ("/twilio/gather", "/twilio/dial")

# Fields Twilio posts to a voice webhook, a Gather action, a Dial action and a status callback.
TWILIO_FIELDS = (
    "AccountSid",
    "ApiVersion",
    "CallSid",
    "CallStatus",
    "CallDuration",
    "Called",
    "CalledCountry",
    "Caller",
    "CallerCountry",
    "Confidence",
    "Digits",
    "DialCallSid",
    "DialCallStatus",
    "DialCallDuration",
    "Direction",
    "ErrorCode",
    "ErrorUrl",
    "FinishedOnKey",
    "ForwardedFrom",
    "From",
    "FromCountry",
    "Language",
    "SpeechResult",
    "StirVerstat",
    "To",
    "ToCountry",
    "UnstableSpeechResult",
    "msg",
)

PHRASES = (
    "when can I drive",
    "When can I drive?",
    "chest pain",
    "my chest hurts",
    "I can't breathe",
    "repeat",
    "yes",
    "no",
    "tell me more",
    "press 2",
    "nine",
    "star",
    "main menu",
    "help",
    "stop",
    "clopidogrel",
    "can I fly after a stent",
    "",
)

# Characters that break things: XML specials, controls, NUL, BOM, RTL, emoji, combining marks.
NASTY = (
    "<>&\"'\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85"
    "\u2028\u2029\ufeff\u202e\U0001f494\u0301\t\r\n %#;=?+"
)


def _huge(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A string of 1 KB to ~20 KB, built by repetition (drawing 20 KB is slow)."""
    return st.builds(
        lambda piece, count: (piece * count)[:20_480],
        st.text(alphabet, min_size=1, max_size=12),
        st.integers(min_value=100, max_value=20_480),
    )


_printable = st.characters(codec="utf-8", exclude_categories=["Cs"])
_anything = st.characters(codec="utf-8")

VALUES: st.SearchStrategy[str] = st.one_of(
    st.just(""),
    st.sampled_from(PHRASES),
    st.text(_anything, max_size=40),
    st.text(st.sampled_from(NASTY), max_size=40),
    st.text(st.sampled_from("0123456789*#wW"), min_size=1, max_size=20),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["US", "GB", "IN", "AU", "CA", "FR", "us", "ZZ", "U", "USA", "G\u0392"]),
    st.sampled_from(["completed", "answered", "busy", "no-answer", "failed", "canceled"]),
    st.sampled_from(["+15551234567", "+447700900123", "911", "999", "anonymous", "client:x"]),
    st.from_regex(r"CA[0-9a-f]{32}", fullmatch=True),
    _huge(_printable),
    # Just under and over the longest SpeechResult the line accepts (2,000 characters).
    st.builds(lambda n: ("chest pain " * 200)[:n], st.integers(1990, 2010)),
)

FIELD_NAMES: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(TWILIO_FIELDS),
    st.sampled_from(TWILIO_FIELDS).map(str.lower),
    st.text(_printable, min_size=1, max_size=30),
)

FORMS = st.lists(st.tuples(FIELD_NAMES, VALUES), max_size=10)

# The state a page writes into its next action URL: at=level, s=silences, last=, offer=.
STATE_VALUES = sorted(ic.ALL_INTENTS | {ic.LAUNCH})
STATE_PARAM_VALUES: dict[str, st.SearchStrategy[str]] = {
    "at": st.one_of(st.sampled_from(sorted(LEVELS)), VALUES),
    "s": st.one_of(
        st.sampled_from(["0", "1", "2", "3", "-1", "00", "2\n", " 1", "\uff11"]), VALUES
    ),
    "last": st.one_of(
        st.sampled_from(STATE_VALUES),
        st.sampled_from(STATE_VALUES).map(lambda v: v + MORE_SUFFIX),
        st.sampled_from(STATE_VALUES).map(lambda v: v + "\n"),
        VALUES,
    ),
    "offer": st.one_of(
        st.sampled_from(STATE_VALUES),
        st.sampled_from(STATE_VALUES).map(lambda v: v + MORE_SUFFIX),
        VALUES,
    ),
}
STATE_PAIRS = st.lists(
    st.one_of(
        *[st.tuples(st.just(name), values) for name, values in STATE_PARAM_VALUES.items()],
        st.tuples(FIELD_NAMES, VALUES),
    ),
    max_size=8,
)


@st.composite
def valid_state_pairs(draw: st.DrawFn) -> list[tuple[str, str]]:
    """A state this app could have written, sometimes with one pair tampered or repeated."""
    pairs = [("at", draw(st.sampled_from(sorted(LEVELS)))), ("s", draw(st.sampled_from("012")))]
    for name in ("last", "offer"):
        if draw(st.booleans()):
            value = draw(st.sampled_from(STATE_VALUES))
            pairs.append((name, value + MORE_SUFFIX if draw(st.booleans()) else value))
    if draw(st.integers(0, 3)) == 0:
        index = draw(st.integers(0, len(pairs) - 1))
        name = pairs[index][0]
        action = draw(st.sampled_from(["replace", "repeat", "drop"]))
        if action == "replace":
            pairs[index] = (name, draw(VALUES))
        elif action == "repeat":
            pairs.insert(index, (name, draw(STATE_PARAM_VALUES[name])))
        else:
            del pairs[index]
    return pairs


RAW_QUERIES = st.one_of(
    st.text(st.sampled_from("at=sl&;%+0123456789aAfFzZ#?/ "), max_size=60),
    st.binary(max_size=60).map(lambda raw: quote(raw, safe="=&")),
    st.builds(lambda n: "at=main&s=0&last=" + "A" * n, st.integers(70, 20_000)),
    st.builds(lambda n: "at=main&s=0" + "&x=1" * n, st.integers(100, 3_000)),
)

QUERIES = st.one_of(
    valid_state_pairs().map(urlencode),
    STATE_PAIRS.map(urlencode),
    RAW_QUERIES,
)

CONTENT_TYPES = st.one_of(
    st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=latin-1",
            "application/x-www-form-urlencoded; charset=nonsense",
            "multipart/form-data",
            "multipart/form-data; boundary=xyz",
            "text/plain",
            "application/json",
            "application/xml",
            "",
        ]
    ),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
)

RAW_BODIES = st.one_of(
    st.binary(max_size=300),
    FORMS.map(lambda pairs: urlencode(pairs).encode()),
    st.builds(
        lambda pairs, junk: urlencode(pairs).encode() + junk,
        FORMS,
        st.binary(max_size=30),
    ),
    st.just(b"--xyz\r\nContent-Disposition: form-data; name=CallSid\r\n\r\nCA1\r\n--xyz--\r\n"),
    st.builds(lambda n: b"CallSid=CA1&SpeechResult=" + b"%FF" * n, st.integers(1, 7_000)),
)


def _phone_prompts(assistant: Assistant, key: str) -> set[str]:
    catalog = assistant.catalog
    return {
        catalog.speakable(catalog.say(key, locale, "phone"), locale)
        for locale in (*catalog.locales, GENERIC_LOCALE)
    }


def says(root: ET.Element) -> list[str]:
    return [(say.text or "").strip() for say in root.iter("Say")]


def is_apology(root: ET.Element, assistant: Assistant) -> bool:
    """The page after an error: sorry, then the short emergency instruction."""
    spoken = says(root)
    return (
        len(spoken) >= 2
        and spoken[0] in _phone_prompts(assistant, "error")
        and spoken[1] in _phone_prompts(assistant, "emergency_short")
    )


def is_last_resort(root: ET.Element) -> bool:
    """The static page for when even the apology failed."""
    verbs = [verb.tag for verb in root]
    spoken = says(root)
    return (
        len(spoken) == 2
        and spoken[0] in _LAST_RESORTS
        and spoken[1] == GOODBYE
        and verbs == ["Say", "Say", "Hangup"]
    )


# The static page names the line's emergency number, or the called country's where the line
# follows it (ToCountry), as it is said; a country with no locale gets the generic wording.
_LAST_RESORTS = frozenset(
    last_resort(number) for number in ("9 1 1", "9 9 9", "1 1 2", "0 0 0", LOCAL_NUMBER)
)


def _error_path(records: list[logging.LogRecord]) -> bool:
    """Whether the line, or the router under it, answered with its apology."""
    return any(
        (record.name == "ivr.web" and "apology" in record.getMessage())
        or (record.name == "intents.handlers" and record.levelno >= logging.ERROR)
        for record in records
    )


def _unexpected(records: list[logging.LogRecord]) -> list[str]:
    """Exceptions the code did not expect: a bug even when the caller hears the apology."""
    return [
        f"{record.name}: {record.getMessage()} ({record.exc_info[1]!r})"
        for record in records
        if record.exc_info is not None and record.exc_info[1] is not None
    ]


def check_phone_page(
    route: str, status: int, mimetype: str | None, body: bytes, assistant: Assistant, error: bool
) -> ET.Element | None:
    """What every answer of the phone line must be; returns the TwiML root (None for /status)."""
    if route == "/twilio/status":
        # A status callback is not a call step: Twilio ignores the body, 204 is the answer.
        assert status == 204, status
        assert body == b""
        return None
    assert status == 200, (status, body[:200])
    assert mimetype == "text/xml"
    root = check_twiml(body)
    # Something is said, and before the page waits, moves on or ends.
    spoken = says(root)
    assert spoken and all(spoken), spoken
    heard = False
    for element in root.iter():
        if element.tag == "Say":
            heard = True
        elif element.tag in ("Gather", "Redirect", "Hangup", "Dial") and element is not root:
            assert heard or element.tag == "Gather", f"<{element.tag}> before any <Say>"
    # The next action URLs carry a state this app can read back.
    for element in root.iter():
        url = element.get("action") if element.tag in ("Gather", "Dial") else None
        if element.tag == "Redirect":
            url = element.text
        if url:
            parts = urlsplit(url)
            assert parts.path in ("/twilio/gather", "/twilio/dial"), url
            CallState.from_query(parse_qs(parts.query, keep_blank_values=True))
    if route == "/twilio/fallback":
        assert is_last_resort(root), spoken
    elif error:
        assert is_apology(root, assistant) or is_last_resort(root), spoken
    return root


def _phone_request(
    client: FlaskClient,
    assistant: Assistant,
    route: str,
    method: str,
    query: str,
    **kwargs: Any,
) -> ET.Element | None:
    with recorded("ivr.web", "ivr.call", "intents.handlers", "angiovoice.observe") as records:
        response = client.open(route, method=method, query_string=query, **kwargs)
    try:
        root = check_phone_page(
            route,
            response.status_code,
            response.mimetype,
            response.get_data(),
            assistant,
            _error_path(records),
        )
        ends = "none" if root is None else "/".join(sorted({verb.tag for verb in root}))
        event(
            f"phone {response.status_code} {'apology' if _error_path(records) else 'reply'} {ends}"
        )
    finally:
        response.close()
    assert not _unexpected(records), _unexpected(records)
    return root


@FUZZ
@given(
    route=st.sampled_from(ALL_PHONE_ROUTES),
    method=st.sampled_from(["POST", "GET"]),
    query=QUERIES,
    form=FORMS,
    call_sid=st.one_of(st.just(SID), st.none(), VALUES),
)
def test_any_twilio_form_gets_valid_twiml(
    any_client: FlaskClient,
    assistant: Assistant,
    route: str,
    method: str,
    query: str,
    form: list[tuple[str, str]],
    call_sid: str | None,
) -> None:
    fields = [*([("CallSid", call_sid)] if call_sid is not None else []), *form]
    if method == "GET":  # a GET webhook carries Twilio's fields in the query string
        query = "&".join(part for part in (query, urlencode(fields)) if part)
        root = _phone_request(any_client, assistant, route, method, query)
    else:
        root = _phone_request(any_client, assistant, route, method, query, data=MultiDict(fields))
    if root is not None and route in ("/twilio/voice", *STATE_ROUTES):
        sids = [value for name, value in fields if name == "CallSid"]
        if len(sids) != 1 or not re.fullmatch(r"[A-Za-z0-9]{2,64}", sids[0].strip()):
            assert is_apology(root, assistant), says(root)  # not a call Twilio placed


@FUZZ
@given(
    route=st.sampled_from(STATE_ROUTES),
    state=st.one_of(
        valid_state_pairs(),
        # where the care team is offered (key 0) and the dial's outcome lands
        st.just([("at", "emergency"), ("s", "0"), ("last", ic.CHEST_PAIN)]),
    ),
    heard=st.one_of(
        st.builds(lambda key: [("Digits", key)], st.sampled_from([*"0123456789*#", "12", "99"])),
        st.builds(lambda text: [("SpeechResult", text)], st.sampled_from(PHRASES)),
        st.builds(lambda text: [("SpeechResult", text)], VALUES),
        st.builds(lambda status: [("DialCallStatus", status)], VALUES),
        st.just([]),
    ),
    country=st.sampled_from(["US", "GB", "IN", "AU", "CA", "FR", "", "gb"]),
)
def test_any_turn_at_any_state_gets_valid_twiml(
    any_client: FlaskClient,
    assistant: Assistant,
    route: str,
    state: list[tuple[str, str]],
    heard: list[tuple[str, str]],
    country: str,
) -> None:
    """Deeper than random forms: a real CallSid and a (mostly) valid state, so the turns reach
    the menus, the router and the care-team dial."""
    fields = [("CallSid", SID), ("ToCountry", country), *heard]
    _phone_request(any_client, assistant, route, "POST", urlencode(state), data=MultiDict(fields))


@FUZZ
@given(
    route=st.sampled_from(ALL_PHONE_ROUTES),
    method=st.sampled_from(["POST", "GET"]),
    query=QUERIES,
    content_type=CONTENT_TYPES,
    body=RAW_BODIES,
)
def test_any_raw_body_gets_valid_twiml(
    dev_client: FlaskClient,
    assistant: Assistant,
    route: str,
    method: str,
    query: str,
    content_type: str,
    body: bytes,
) -> None:
    _phone_request(
        dev_client, assistant, route, method, query, data=body, content_type=content_type
    )


# == Alexa =================================================================================


def _load_fixtures() -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(FIXTURES.glob("*.json"))
    ]


ENVELOPES = _load_fixtures()
REQUEST_TYPES = sorted(
    {*AlexaRequest.discriminator_value_class_map, "Made.Up.Request", "intentrequest", ""}
)
LOCALES = (
    "en-US",
    "en-GB",
    "en-IN",
    "en-AU",
    "en-CA",
    "fr-FR",
    "es-US",
    "en_gb",
    "EN-us",
    "en",
    "-",
    "",
    "en-US\x00",
    "\u202een-GB",
    "x" * 5000,
)

_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**30, max_value=10**400),
    st.floats(),
    st.text(_printable, max_size=30),
    st.text(st.sampled_from(NASTY), max_size=30),
    st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3),  # lone surrogates
    st.sampled_from(["", "true", "0", "2025-06-01T12:00:00Z", "99999999999999999999", "NaN"]),
    _huge(_printable),
)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(_printable, max_size=12), children, max_size=4),
    )


JUNK: st.SearchStrategy[Any] = st.recursive(_leaves, _containers, max_leaves=12)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON document: dict keys and list indexes, depth first."""
    yield prefix
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _paths(child, (*prefix, index))


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def _ensure_dict(doc: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The dict at doc[k1][k2]..., made a dict (replacing whatever was there) if it is not."""
    node = doc
    for key in keys:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    return node


@st.composite
def targeted_edit(draw: st.DrawFn, envelope: dict[str, Any]) -> None:
    """An edit where it matters: request type, locale, intent, slots, session, device."""
    field = draw(
        st.sampled_from(
            ["type", "locale", "intent", "slots", "attributes", "new", "screen", "timestamp"]
        )
    )
    request = _ensure_dict(envelope, "request")
    if field == "type":
        request["type"] = draw(st.one_of(st.sampled_from(REQUEST_TYPES), JUNK))
    elif field == "locale":
        request["locale"] = draw(st.one_of(st.sampled_from(LOCALES), JUNK))
    elif field == "intent":
        intent = _ensure_dict(request, "intent")
        intent["name"] = draw(
            st.one_of(st.sampled_from(sorted(ic.ALL_INTENTS | {"PizzaIntent"})), JUNK)
        )
    elif field == "slots":
        value = draw(
            st.one_of(
                st.sampled_from(PHRASES),
                _huge(_printable),
                st.text(st.sampled_from(NASTY), max_size=50),
                JUNK,
            )
        )
        name = draw(st.text(_printable, max_size=10))
        slot = draw(
            st.one_of(
                st.just({"name": name, "value": value, "confirmationStatus": "NONE"}),
                JUNK,
            )
        )
        _ensure_dict(request, "intent")["slots"] = {name: slot}
    elif field == "attributes":
        attributes = draw(
            st.one_of(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "last": st.one_of(st.sampled_from(STATE_VALUES), JUNK),
                        "offer": st.one_of(
                            st.sampled_from(STATE_VALUES).map(lambda v: v + MORE_SUFFIX), JUNK
                        ),
                        "junk": JUNK,
                    },
                ),
                JUNK,
            )
        )
        _ensure_dict(envelope, "session")["attributes"] = attributes
    elif field == "new":
        _ensure_dict(envelope, "session")["new"] = draw(JUNK)
    elif field == "screen":
        device = _ensure_dict(envelope, "context", "System", "device")
        device["supportedInterfaces"] = draw(
            st.one_of(st.just({"Alexa.Presentation.APL": {"runtime": {"maxVersion": "1.6"}}}), JUNK)
        )
    else:
        request["timestamp"] = draw(JUNK)


@st.composite
def random_edit(draw: st.DrawFn, envelope: dict[str, Any]) -> None:
    """Delete, replace or add at a random place in the document."""
    paths = [path for path in _paths(envelope) if path]
    if not paths:
        envelope[draw(st.text(max_size=8))] = draw(JUNK)
        return
    path = draw(st.sampled_from(paths))
    parent = _get(envelope, path[:-1])
    action = draw(st.sampled_from(["delete", "replace", "add"]))
    if action == "delete":
        del parent[path[-1]]
    elif action == "replace":
        parent[path[-1]] = draw(JUNK)
    else:
        target = _get(envelope, path)
        if isinstance(target, dict):
            target[draw(st.text(_printable, max_size=12))] = draw(JUNK)
        elif isinstance(target, list):
            target.append(draw(JUNK))
        else:
            parent[path[-1]] = draw(JUNK)


@st.composite
def envelopes(draw: st.DrawFn) -> Any:
    """A real envelope after a few edits, targeted and random."""
    envelope = copy.deepcopy(draw(st.sampled_from(ENVELOPES)))
    for _ in range(draw(st.integers(0, 4))):
        draw(st.one_of(targeted_edit(envelope), random_edit(envelope)))
    if draw(st.integers(0, 19)) == 0:  # now and then, not an object at all
        return draw(JUNK)
    return envelope


def _dumps(document: Any, ascii_only: bool) -> bytes:
    return json.dumps(document, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


@st.composite
def alexa_bodies(draw: st.DrawFn) -> bytes:
    """JSON text of an edited envelope, sometimes cut short; or bytes that were never JSON."""
    kind = draw(st.sampled_from(["json", "json", "json", "truncated", "bytes", "text", "deep"]))
    if kind == "deep":  # valid JSON nested deep, up to far past the parser's recursion limit
        depth = draw(st.one_of(st.integers(1, 1_200), st.integers(1, 60_000)))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        envelope = copy.deepcopy(draw(st.sampled_from(ENVELOPES)))
        where = draw(st.sampled_from([("session",), ("session", "attributes"), ("request",)]))
        _ensure_dict(envelope, *where[:-1])[where[-1]] = {"deep": "DEEP"}
        nested = (opener * depth + "1" + closer * depth).encode()
        return _dumps(envelope, True).replace(b'"DEEP"', nested, 1)
    if kind == "bytes":
        return draw(st.binary(max_size=400))
    if kind == "text":
        return draw(st.text(_anything, max_size=200)).encode("utf-8")
    body = _dumps(draw(envelopes()), draw(st.booleans()))
    if kind == "truncated":
        return body[: draw(st.integers(0, max(0, len(body) - 1)))]
    return body


ALEXA_CONTENT_TYPES = st.sampled_from(
    ["application/json", "application/json; charset=utf-8", "text/plain", "", "x/y"]
)


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")  # Python writes NaN and Infinity; JSON has none


def check_alexa_answer(status: int, body: bytes) -> dict[str, Any]:
    """200 with a response envelope whose speech is valid SSML, or 400 with a JSON reason."""
    try:
        answer = json.loads(body, parse_constant=_not_json)
    except ValueError as exc:
        raise AssertionError(f"{status}: the body is not JSON: {body[:200]!r}") from exc
    assert isinstance(answer, dict), answer
    if status == 400:
        assert set(answer) == {"error", "status"} and isinstance(answer["error"], str), answer
        return answer
    assert status == 200, (status, answer)
    assert answer["version"] == "1.0"
    response = answer["response"]
    assert isinstance(response, dict)
    reprompt = response.get("reprompt") or {}
    for speech in (response.get("outputSpeech"), reprompt.get("outputSpeech")):
        if speech is None:
            continue
        assert speech["type"] == "SSML"
        ssml = speech["ssml"]
        assert isinstance(ssml, str) and len(ssml) < SPEECH_LIMIT, len(ssml)
        root = ET.fromstring(ssml)
        assert root.tag == "speak"
    assert isinstance(response["shouldEndSession"], bool)
    # Only the dialog state goes back to Alexa, never what the request carried besides.
    attributes = answer.get("sessionAttributes", {})
    assert isinstance(attributes, dict) and set(attributes) <= {"last", "offer", "disclaimer"}, (
        attributes
    )
    assert all(isinstance(value, str) for value in attributes.values()), attributes
    assert attributes.get("disclaimer", "owed") == "owed", attributes
    return answer


def _post_alexa(client: FlaskClient, body: bytes, content_type: str) -> dict[str, Any]:
    with recorded("skill.web", "skill.adapter", "angiovoice.observe") as records:
        response = client.post("/alexa", data=body, content_type=content_type)
    try:
        answer = check_alexa_answer(response.status_code, response.get_data())
        event(f"alexa {response.status_code}")
    finally:
        response.close()
    assert not _unexpected(records), _unexpected(records)
    return answer


@FUZZ
@given(body=alexa_bodies(), content_type=ALEXA_CONTENT_TYPES)
def test_any_alexa_body_gets_a_response_or_a_400(
    any_client: FlaskClient, body: bytes, content_type: str
) -> None:
    _post_alexa(any_client, body, content_type)


@FUZZ
@given(envelope=envelopes())
def test_any_alexa_envelope_gets_a_response_or_a_400(
    dev_client: FlaskClient, envelope: Any
) -> None:
    """Whole envelopes only (no truncation), so the edits reach the skill itself."""
    answer = _post_alexa(dev_client, _dumps(envelope, True), "application/json")
    request = envelope.get("request") if isinstance(envelope, dict) else None
    if isinstance(request, dict) and request.get("type") == "SessionEndedRequest":
        assert "outputSpeech" not in answer.get("response", {}), answer  # Alexa forbids it


# == regression tests: the bugs these fuzz tests found =====================================


def _fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_alexa_json_nested_past_the_recursion_limit_is_a_400(client: FlaskClient) -> None:
    # Was a 500 (RecursionError from json.loads), before the signature is even checked.
    for body in (b"[" * 100_000, b'{"request": {"a": ' + b"[" * 5_000 + b"]" * 5_000 + b"}}"):
        response = client.post("/alexa", data=body, content_type="application/json")
        assert response.status_code == 400
        assert response.get_json() == {"error": "request body is nested too deeply", "status": 400}


def test_alexa_does_not_echo_session_attributes_that_are_not_json(client: FlaskClient) -> None:
    # Was a 200 whose body held NaN and Infinity (Python's json reads and writes them; JSON has
    # neither): the SDK echoed a SessionEndedRequest's attributes back unread.
    body = _fixture_text("session_ended.json").replace(
        '"last": "StentIntent"', '"last": "StentIntent", "x": NaN, "y": [Infinity]'
    )
    response = client.post("/alexa", data=body, content_type="application/json")
    assert response.status_code == 200
    answer = check_alexa_answer(response.status_code, response.get_data())
    assert answer["sessionAttributes"] == {"last": "StentIntent"}


def test_session_ended_with_deeply_nested_attributes_is_still_silent(
    client: FlaskClient,
) -> None:
    # Was the spoken last resort (Alexa forbids speech here): echoing 600 nested lists back
    # overflowed the SDK's serialiser.
    body = _fixture_text("session_ended.json").replace(
        '"last": "StentIntent"', '"last": "StentIntent", "x": ' + "[" * 600 + "]" * 600
    )
    response = client.post("/alexa", data=body, content_type="application/json")
    answer = check_alexa_answer(response.status_code, response.get_data())
    assert "outputSpeech" not in answer["response"]
    assert answer["response"]["shouldEndSession"] is True
    assert answer["sessionAttributes"] == {"last": "StentIntent"}
