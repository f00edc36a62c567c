"""Turn events: one per turn served, private by construction, kept in SQLite or PostgreSQL
without ever costing an answer, flushed at shutdown, and read back by `angiovoice report`.

Every store test runs on both backends. PostgreSQL is a real server: `make test` starts a
throwaway one (scripts/with-postgres.sh) and points DATABASE_URL_TEST at it; each test gets its
own schema. Without a server those tests skip and say so.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from angiovoice import cli
from angiovoice.app import create_app
from angiovoice.assistant import Assistant
from angiovoice.events import (
    EXTENSION,
    Count,
    Event,
    EventRecorder,
    EventStore,
    Latency,
    NullStore,
    PostgresStore,
    SQLiteStore,
    caller_hash,
    load_salt,
    mask_utterance,
    open_recorder,
    open_store,
    redact_url,
)
from angiovoice.report import parse_since
from angiovoice.settings import Settings, SettingsError
from intents import catalog as ic

ROOT = Path(__file__).resolve().parents[1]
ALEXA_FIXTURES = ROOT / "tests" / "fixtures" / "alexa"
PG_URL = os.environ.get("DATABASE_URL_TEST", "").strip()
PG_CONTROL = os.environ.get("ANGIOVOICE_TEST_PG_CONTROL", "").strip()
NO_POSTGRES = (
    "no PostgreSQL server: `make test` starts one (scripts/with-postgres.sh), "
    "or set DATABASE_URL_TEST=postgresql://..."
)

SALT = b"a-test-salt-that-is-long-enough-0123456789"
USER_ID = "amzn1.ask.account.AFAKEUSER7QXZ2"
CALLER = "+15558675309"
SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000a1e0"
TOKEN = "0123456789abcdef0123456789abcdef"


# -- backends ------------------------------------------------------------------------------------


@dataclass
class Backend:
    """One real database for one test: `url` is what DATABASE_URL would say."""

    name: str
    url: str
    path: Path | None = None  # the SQLite file

    def store(self, **options: Any) -> EventStore:
        if self.path is not None:
            return SQLiteStore(self.path, **options)
        return PostgresStore(self.url, **options)

    def raw_rows(self) -> list[str]:
        """Every stored row, every column, as text: what a leak would look like."""
        if self.path is not None:
            conn = sqlite3.connect(self.path)
            try:
                return [repr(row) for row in conn.execute("SELECT * FROM events")]
            finally:
                conn.close()
        import psycopg

        with psycopg.connect(self.url) as conn:
            return [str(row[0]) for row in conn.execute("SELECT events::text FROM events")]

    def text_columns(self) -> list[str]:
        """Every stored value of the columns that hold words (not times, figures or hashes)."""
        query = "SELECT channel, locale, intent, outcome, utterance FROM events"
        if self.path is not None:
            conn = sqlite3.connect(self.path)
            try:
                rows = list(conn.execute(query))
            finally:
                conn.close()
        else:
            import psycopg

            with psycopg.connect(self.url) as conn:
                rows = list(conn.execute(query))
        return [str(value) for row in rows for value in row if value is not None]


def _with_search_path(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        path = tmp_path / "data" / "events.sqlite3"
        yield Backend("sqlite", f"sqlite:///{path}", path)
        return
    if not PG_URL:
        pytest.skip(NO_POSTGRES)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield Backend("postgres", _with_search_path(PG_URL, schema))
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def dev_settings(**changes: Any) -> Settings:
    return Settings(dev=True, verify_signature=False, verify_timestamp=False, **changes)


@pytest.fixture
def served(
    backend: Backend, assistant: Assistant
) -> Iterator[tuple[FlaskClient, EventRecorder, Backend]]:
    """A development app whose recorder writes to the backend."""
    recorder = EventRecorder(backend.store(), SALT)
    app = create_app(dev_settings(), assistant, recorder=recorder)
    try:
        yield app.test_client(), recorder, backend
    finally:
        recorder.close()


def alexa_payload(intent: str | None = "DrivingIntent", user: str = USER_ID) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads((ALEXA_FIXTURES / "driving.json").read_text())
    payload["context"]["System"]["user"]["userId"] = user
    payload["session"]["user"]["userId"] = user
    if intent is None:
        payload["request"] = {**payload["request"], "type": "LaunchRequest"}
        payload["request"].pop("intent", None)
    else:
        payload["request"]["intent"] = {"name": intent, "confirmationStatus": "NONE"}
    return payload


def phone_form(**fields: str) -> dict[str, str]:
    return {"CallSid": "CA0123456789abcdef", "From": CALLER, "To": "+15550001111", **fields}


def says(twiml: bytes) -> list[str]:
    """The <Say> texts of a TwiML page (parsed, so a broken page fails here)."""
    root = ET.fromstring(twiml)
    assert root.tag == "Response"
    return [element.text or "" for element in root.iter("Say")]


def speech(answer: dict[str, Any]) -> str:
    return str(answer["response"]["outputSpeech"]["ssml"])


def event(**changes: Any) -> Event:
    base = Event(
        at=datetime.now(UTC) - timedelta(hours=1),
        channel="alexa",
        locale="en-US",
        intent="DrivingIntent",
        emergency=False,
        latency_ms=3.0,
        outcome="answered",
    )
    return replace(base, **changes)


# -- one event per turn, private -----------------------------------------------------------------


def test_an_alexa_turn_is_recorded_with_the_user_hashed(
    served: tuple[FlaskClient, EventRecorder, Backend],
) -> None:
    client, recorder, backend = served
    response = client.post("/alexa", json=alexa_payload("DrivingIntent"))
    assert response.status_code == 200 and speech(response.get_json())
    assert recorder.flush()

    (stored,) = recorder.store.events()
    assert stored.channel == "alexa" and stored.locale == "en-US"
    assert stored.intent == "DrivingIntent" and stored.outcome == "answered"
    assert not stored.emergency and stored.latency_ms >= 0
    assert stored.caller == caller_hash(SALT, USER_ID)
    assert stored.utterance is None
    assert USER_ID not in " ".join(backend.raw_rows())
    assert "AFAKEUSER" not in " ".join(backend.raw_rows())


def test_alexa_turns_record_their_outcome(
    served: tuple[FlaskClient, EventRecorder, Backend],
) -> None:
    client, recorder, _ = served
    ended = json.loads((ALEXA_FIXTURES / "session_ended.json").read_text())
    requests_sent = [
        alexa_payload(None),
        alexa_payload(ic.CHEST_PAIN),
        alexa_payload(ic.FALLBACK),
        ended,
    ]
    for payload in requests_sent:
        assert client.post("/alexa", json=payload).status_code == 200
    assert client.post("/alexa", data=b"not json").status_code == 400
    assert recorder.flush()

    stored = recorder.store.events()
    assert [(e.intent, e.outcome, e.emergency) for e in stored] == [
        (ic.LAUNCH, "answered", False),
        (ic.CHEST_PAIN, "emergency", True),
        (ic.FALLBACK, "fallback", False),  # Alexa sends no words for its fallback intent
        ("SessionEndedRequest", "silent", False),
        (None, "rejected", False),
    ]
    assert all(e.utterance is None for e in stored)
    assert stored[-1].caller is None and stored[-1].locale is None
    assert {e.caller for e in stored[:3]} == {caller_hash(SALT, USER_ID)}


def test_odd_request_types_and_locales_are_not_kept_as_sent(
    served: tuple[FlaskClient, EventRecorder, Backend],
) -> None:
    client, recorder, _ = served
    payload = alexa_payload()
    del payload["session"]  # an event outside a session: answered without speech
    payload["request"] = {**payload["request"], "type": "Odd<" + "x" * 500, "locale": "en-US'--"}
    assert client.post("/alexa", json=payload).status_code == 200
    assert recorder.flush()
    (stored,) = recorder.store.events()
    assert (stored.intent, stored.locale, stored.outcome) == ("other", None, "silent")


def test_phone_turns_are_recorded_with_the_number_hashed_and_only_fallback_words_kept(
    served: tuple[FlaskClient, EventRecorder, Backend],
) -> None:
    client, recorder, backend = served
    gather = "/twilio/gather?at=main&s=0"
    steps = [
        ("/twilio/voice", phone_form()),
        (gather, phone_form(SpeechResult="when can I drive")),
        (gather, phone_form(SpeechResult="Can my parrot ring me on 555 867 5309, oh seven seven?")),
        (gather, phone_form(SpeechResult="I have chest pain, my number is 5558675309")),
        (gather, phone_form(Digits="1")),
        (gather, phone_form()),  # a silence
    ]
    for path, form in steps:
        response = client.post(path, data=form)
        assert response.status_code == 200 and says(response.data)
    assert client.post("/twilio/status", data=phone_form(CallStatus="completed")).status_code == 204
    assert recorder.flush()

    stored = recorder.store.events()
    assert len(stored) == len(steps)  # the status callback is not a turn
    assert [e.outcome for e in stored] == [
        "answered",
        "answered",
        "fallback",
        "emergency",
        "answered",
        "answered",
    ]
    assert [e.intent for e in stored][:4] == [
        ic.LAUNCH,
        "DrivingIntent",
        ic.FALLBACK,
        ic.CHEST_PAIN,
    ]
    assert stored[5].intent == "phone.silence"
    assert {e.channel for e in stored} == {"phone"}
    assert {e.caller for e in stored} == {caller_hash(SALT, CALLER)}
    assert [e.utterance for e in stored] == [
        None,
        None,
        "can my parrot ring me on #",
        None,
        None,
        None,
    ]
    rows = " ".join(backend.raw_rows())
    for secret in (CALLER, "5558675309", "parrot ring me on 555", "chest pain"):
        assert secret not in rows
    # A fragment of the number, in the columns that can hold words: in every column it would
    # also match a time's microseconds or the caller hash now and then (checked above).
    assert "867" not in " ".join(backend.text_columns())


def test_an_apology_is_recorded_as_an_error(
    served: tuple[FlaskClient, EventRecorder, Backend],
) -> None:
    client, recorder, _ = served
    tampered = client.post("/twilio/gather?at=nowhere&s=0", data=phone_form(Digits="1"))
    assert tampered.status_code == 200 and says(tampered.data)
    assert recorder.flush()
    (stored,) = recorder.store.events()
    assert (stored.intent, stored.outcome) == ("Error", "error")
    assert stored.caller == caller_hash(SALT, CALLER)


def test_refused_requests_are_recorded_without_caller_or_words(
    backend: Backend, assistant: Assistant
) -> None:
    settings = Settings(dev=False, twilio_auth_token=TOKEN, alexa_skill_id=SKILL_ID)
    recorder = EventRecorder(backend.store(), SALT)
    client = create_app(settings, assistant, recorder=recorder).test_client()
    try:
        form = phone_form(SpeechResult="call me on 555 867 5309")
        refused = client.post("/twilio/gather?at=main&s=0", data=form)
        assert refused.status_code == 403
        unsigned = client.post("/alexa", json=alexa_payload())
        assert unsigned.status_code == 400
        fallback_url = client.post("/twilio/fallback", data=phone_form())
        assert fallback_url.status_code == 200  # answered, but not a turn of the dialog
        assert recorder.flush()
        stored = recorder.store.events()
        assert [(e.channel, e.outcome) for e in stored] == [
            ("phone", "rejected"),
            ("alexa", "rejected"),
        ]
        assert all(e.caller is e.intent is e.utterance is e.locale is None for e in stored)
    finally:
        recorder.close()


def test_logs_hold_no_number_user_id_or_words(
    served: tuple[FlaskClient, EventRecorder, Backend], caplog: pytest.LogCaptureFixture
) -> None:
    client, recorder, _ = served
    caplog.set_level("DEBUG")
    words = "my grandson Zebediah can be reached on 555 867 5309"
    client.post("/twilio/voice", data=phone_form())
    client.post("/twilio/gather?at=main&s=0", data=phone_form(SpeechResult=words))
    client.post("/twilio/gather?at=nowhere&s=0", data=phone_form(SpeechResult=words))  # apology
    client.post("/alexa", json=alexa_payload(ic.FALLBACK))
    broken = alexa_payload()
    broken["request"]["timestamp"] = {"not": "a date"}  # a malformed envelope (400)
    client.post("/alexa", json=broken)
    recorder.flush()
    recorder.close()
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    assert logged  # the turns did log something
    for secret in (CALLER, "8675309", USER_ID, "AFAKEUSER", "Zebediah", "grandson"):
        assert secret not in logged


# -- privacy helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heard", "kept"),
    [
        ("Call me on 555-867-5309!", "call me on #"),
        ("my number is +1 (555) 867 5309", "my number is #"),
        ("it's oh seven seven double oh", "its #"),
        ("room 4b on the 3rd floor", "room #b on the #rd floor"),
        ("one more question about two stents", "one more question about two stents"),
        ("twenty five stairs", "# stairs"),
        ("Can I eat GRAPEFRUIT?", "can i eat grapefruit"),
    ],
)
def test_fallback_words_are_kept_with_numbers_masked(heard: str, kept: str) -> None:
    assert mask_utterance(heard) == kept


def test_kept_words_are_capped() -> None:
    masked = mask_utterance("word " * 200)
    assert len(masked) <= 200 and masked.startswith("word word")


def test_an_event_refuses_raw_callers_and_unmasked_or_misplaced_words() -> None:
    with pytest.raises(ValueError, match="caller"):
        event(caller=CALLER)
    with pytest.raises(ValueError, match="caller"):
        event(caller=USER_ID)
    with pytest.raises(ValueError, match="fallback"):
        event(outcome="answered", utterance="hello")
    with pytest.raises(ValueError, match="mask"):
        event(outcome="fallback", utterance="call 5558675309")
    with pytest.raises(ValueError, match="mask"):
        event(outcome="fallback", utterance="call five five five")
    with pytest.raises(ValueError, match="outcome"):
        event(outcome="great")
    assert event(outcome="fallback", utterance="call #", caller=caller_hash(SALT, CALLER))


def test_the_caller_hash_is_keyed_stable_and_not_the_id() -> None:
    first = caller_hash(SALT, CALLER)
    assert first == caller_hash(SALT, f" {CALLER} ")
    assert first is not None and re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != caller_hash(b"another-salt-another-salt-another", CALLER)
    assert caller_hash(SALT, "") is None and caller_hash(SALT, None) is None


def test_the_salt_is_made_once_with_0600_and_kept(tmp_path: Path, assistant: Assistant) -> None:
    settings = Settings(data_dir=str(tmp_path / "data"))
    salt = load_salt(settings)
    path = tmp_path / "data" / "salt"
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_salt(settings) == salt and len(salt) >= 32
    assert salt == path.read_text().strip().encode()
    # two apps (a restart) hash a caller the same way
    first, second = open_recorder(settings), open_recorder(settings)
    try:
        assert first.caller_hash(CALLER) == second.caller_hash(CALLER) is not None
    finally:
        first.close()
        second.close()
    path.chmod(0o644)
    assert load_salt(settings) == salt and path.stat().st_mode & 0o777 == 0o600
    configured = replace(settings, hash_salt="a-configured-salt-value")
    assert load_salt(configured) == b"a-configured-salt-value"


def test_event_settings_come_from_the_environment(tmp_path: Path) -> None:
    env = {
        "ANGIOVOICE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgresql://angio:s3cret@db.internal:5433/angio",
        "ANGIOVOICE_HASH_SALT": "sixteen-chars-at-least",
    }
    settings = Settings.from_env(env)
    assert settings.data_dir == str(tmp_path)
    assert settings.database_url == env["DATABASE_URL"]
    assert "s3cret" not in repr(settings) and "sixteen" not in repr(settings)
    assert Settings.from_env({}).data_dir == "./data" and Settings().data_dir is None
    with pytest.raises(SettingsError, match="DATABASE_URL"):
        Settings.from_env({"DATABASE_URL": "mysql://x@y/z"})
    with pytest.raises(SettingsError, match="ANGIOVOICE_HASH_SALT") as caught:
        Settings.from_env({"ANGIOVOICE_HASH_SALT": "short"})
    assert "short" not in str(caught.value)


def test_the_store_follows_the_settings(tmp_path: Path) -> None:
    default = open_store(Settings(data_dir=str(tmp_path)))
    assert isinstance(default, SQLiteStore) and default.path == tmp_path / "events.sqlite3"
    named = open_store(Settings(database_url=f"sqlite:///{tmp_path}/other.db"))
    assert isinstance(named, SQLiteStore) and named.path == tmp_path / "other.db"
    postgres = open_store(Settings(database_url="postgresql://u:pw@db.internal:5433/angio"))
    assert isinstance(postgres, PostgresStore)
    assert postgres.description == "postgresql://u@db.internal:5433/angio"
    assert isinstance(open_store(Settings()), NullStore)
    assert redact_url("postgres://u:pw@h/d?sslmode=require") == "postgres://u@h/d"


def test_the_sqlite_file_is_made_on_first_start_in_wal_mode(tmp_path: Path) -> None:
    recorder = open_recorder(Settings(data_dir=str(tmp_path / "data")))
    path = tmp_path / "data" / "events.sqlite3"
    try:
        assert path.exists() and path.stat().st_mode & 0o777 == 0o600
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        finally:
            conn.close()
        assert recorder.health()
    finally:
        recorder.close()


def test_a_store_that_cannot_be_made_is_said_once_and_not_also_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    caplog.set_level("INFO", logger="angiovoice.events")
    recorder = open_recorder(Settings(data_dir=str(blocked / "data")))
    try:
        assert "cannot create" in caplog.text and "keeping events in" not in caplog.text
        assert not recorder.health()
    finally:
        recorder.close()


# -- the recorder --------------------------------------------------------------------------------


def test_close_writes_everything_queued(backend: Backend) -> None:
    recorder = EventRecorder(backend.store(), SALT, batch_size=50)
    for number in range(1000):
        recorder.record(event(latency_ms=float(number)))
    recorder.close()
    recorder.record(event())  # after close: counted, not written
    stats = recorder.stats()
    assert stats == {"recorded": 1001, "written": 1000, "failed": 0, "dropped": 1, "pending": 0}
    reopened = backend.store()
    try:
        stored = reopened.events()
        assert len(stored) == 1000
        assert sorted(e.latency_ms for e in stored) == [float(n) for n in range(1000)]
    finally:
        reopened.close()


class GatedStore:
    """A real store whose writes wait until the test opens the gate."""

    def __init__(self, inner: EventStore) -> None:
        self.inner = inner
        self.description = inner.description
        self.entered = threading.Event()
        self.gate = threading.Event()

    def write(self, events: Sequence[Event]) -> None:
        self.entered.set()
        self.gate.wait(60)
        self.inner.write(events)

    def events(self, since: datetime | None = None) -> list[Event]:
        return self.inner.events(since)

    def report(self, since: datetime, top: int = 10) -> Any:
        return self.inner.report(since, top)

    def health(self) -> bool:
        return self.inner.health()

    def close(self) -> None:
        self.inner.close()


def test_a_full_queue_drops_and_counts_without_blocking(backend: Backend) -> None:
    store = GatedStore(backend.store())
    recorder = EventRecorder(store, SALT, max_queue=4)
    try:
        recorder.record(event())
        assert store.entered.wait(60)  # the writer holds that one, stuck in the store
        for _ in range(7):
            recorder.record(event())  # 4 fit in the queue, 3 do not
        assert recorder.stats() == {
            "recorded": 8,
            "written": 0,
            "failed": 0,
            "dropped": 3,
            "pending": 5,
        }
        store.gate.set()
        assert recorder.flush()
        assert recorder.stats()["written"] == 5
        assert len(store.events()) == 5
    finally:
        store.gate.set()
        recorder.close()


class StoreOutage:
    """Stops a real store mid-run and brings it back: PostgreSQL is stopped with pg_ctl, SQLite
    is locked by another connection (as another process holding a write lock would)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._lock: sqlite3.Connection | None = None

    def store(self) -> EventStore:
        if self.backend.path is not None:
            return SQLiteStore(self.backend.path, timeout=0.05)
        return PostgresStore(self.backend.url, connect_timeout=2)

    def stop(self) -> None:
        if self.backend.path is not None:
            self._lock = sqlite3.connect(self.backend.path, isolation_level=None)
            self._lock.execute("BEGIN EXCLUSIVE")
        else:
            subprocess.run([PG_CONTROL, "stop"], check=True, capture_output=True)

    def start(self) -> None:
        if self._lock is not None:
            self._lock.execute("ROLLBACK")
            self._lock.close()
            self._lock = None
        elif self.backend.path is None:
            subprocess.run([PG_CONTROL, "start"], check=True, capture_output=True)


def test_a_store_stopped_mid_run_costs_events_not_answers(
    backend: Backend, assistant: Assistant
) -> None:
    if backend.name == "postgres" and not PG_CONTROL:
        pytest.skip("stopping PostgreSQL needs the server scripts/with-postgres.sh starts")
    outage = StoreOutage(backend)
    recorder = EventRecorder(outage.store(), SALT)
    client = create_app(dev_settings(), assistant, recorder=recorder).test_client()

    def turns(count: int) -> None:
        for number in range(count):
            if number % 2:
                answer = client.post("/alexa", json=alexa_payload(ic.CHEST_PAIN))
                assert answer.status_code == 200 and "911" in speech(answer.get_json())
            else:
                page = client.post("/twilio/gather?at=main&s=0", data=phone_form(Digits="1"))
                assert page.status_code == 200 and says(page.data)
            recorder.flush(30)

    try:
        turns(4)
        assert recorder.stats()["written"] == 4 and recorder.health()
        outage.stop()
        try:
            turns(6)
            stats = recorder.stats()
            assert stats["failed"] == 6 and stats["written"] == 4 and stats["pending"] == 0
            if backend.name == "postgres":
                assert not recorder.health()
        finally:
            outage.start()
        turns(2)
        assert recorder.stats() == {
            "recorded": 12,
            "written": 6,
            "failed": 6,
            "dropped": 0,
            "pending": 0,
        }
        assert len(recorder.store.events()) == 6
    finally:
        recorder.close()


def test_a_store_that_is_down_from_the_start_costs_no_answer(
    tmp_path: Path, assistant: Assistant
) -> None:
    (tmp_path / "not-a-directory").write_text("")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    stores: list[EventStore] = [
        SQLiteStore(tmp_path / "not-a-directory" / "events.sqlite3"),
        PostgresStore(f"postgresql://angio@127.0.0.1:{closed_port}/angio", connect_timeout=2),
    ]
    for store in stores:
        recorder = EventRecorder(store, SALT)
        client = create_app(dev_settings(), assistant, recorder=recorder).test_client()
        try:
            assert client.post("/twilio/voice", data=phone_form()).status_code == 200
            assert client.post("/alexa", json=alexa_payload()).status_code == 200
            assert recorder.flush(30)
            assert recorder.stats()["failed"] == 2 and not recorder.health()
        finally:
            recorder.close()


def test_the_app_keeps_its_recorder_for_metrics_and_readiness(tmp_path: Path) -> None:
    settings = dev_settings(data_dir=str(tmp_path))
    app: Flask = create_app(settings)
    recorder = app.extensions[EXTENSION]
    try:
        assert isinstance(recorder, EventRecorder) and recorder.health()
        assert set(recorder.stats()) == {"recorded", "written", "failed", "dropped", "pending"}
    finally:
        recorder.close()


# -- the report ----------------------------------------------------------------------------------


def seed(store: EventStore) -> None:
    now = datetime.now(UTC)
    recent = now - timedelta(hours=2)
    alexa: list[Event] = []
    for number in range(100):  # latencies 1..100 ms
        kind = "answered" if number < 60 else "emergency" if number < 70 else "fallback"
        alexa.append(
            event(
                at=recent,
                latency_ms=float(number + 1),
                outcome=kind,
                intent={"answered": "DrivingIntent", "emergency": ic.CHEST_PAIN}.get(
                    kind, ic.FALLBACK
                ),
                emergency=kind == "emergency",
                utterance="can i eat #" if kind == "fallback" and number < 90 else None,
            )
        )
    phone = [
        *(event(channel="phone", at=recent, latency_ms=10.0) for _ in range(5)),
        *(
            event(
                channel="phone",
                at=recent,
                latency_ms=10.0,
                intent=ic.CHEST_PAIN,
                emergency=True,
                outcome="emergency",
            )
            for _ in range(3)
        ),
        event(
            channel="phone",
            at=recent,
            latency_ms=10.0,
            intent=ic.STROKE,
            emergency=True,
            outcome="emergency",
        ),
        *(
            event(
                channel="phone",
                at=recent,
                latency_ms=10.0,
                intent=ic.FALLBACK,
                outcome="fallback",
                utterance=text,
            )
            for text in ("what about my cat", "what about my cat", "what about my cat", "is # ok")
        ),
    ]
    rejected = [
        event(at=recent, intent=None, locale=None, outcome="rejected", latency_ms=900.0)
    ] * 2
    old = [
        event(
            at=now - timedelta(days=10),
            channel="phone",
            latency_ms=5000.0,
            outcome="fallback",
            intent=ic.FALLBACK,
            utterance="an old question",
        )
    ] * 50
    store.write([*alexa, *phone, *rejected, *old])


def test_the_report_counts_what_was_asked(backend: Backend) -> None:
    store = backend.store()
    try:
        seed(store)
        report = store.report(datetime.now(UTC) - timedelta(days=7))
    finally:
        store.close()
    assert report.turns == 115
    assert sorted(report.by_intent, key=lambda c: (c.key, c.channel)) == [
        Count(ic.FALLBACK, "alexa", 30),
        Count(ic.FALLBACK, "phone", 4),
        Count(ic.CHEST_PAIN, "alexa", 10),
        Count(ic.CHEST_PAIN, "phone", 3),
        Count("DrivingIntent", "alexa", 60),
        Count("DrivingIntent", "phone", 5),
        Count(ic.STROKE, "phone", 1),
    ]
    assert sorted(report.emergencies, key=lambda c: (c.key, c.channel)) == [
        Count(ic.CHEST_PAIN, "alexa", 10),
        Count(ic.CHEST_PAIN, "phone", 3),
        Count(ic.STROKE, "phone", 1),
    ]
    assert sorted(report.outcomes, key=lambda c: (c.key, c.channel)) == [
        Count("answered", "alexa", 60),
        Count("answered", "phone", 5),
        Count("emergency", "alexa", 10),
        Count("emergency", "phone", 4),
        Count("fallback", "alexa", 30),
        Count("fallback", "phone", 4),
        Count("rejected", "alexa", 2),
    ]
    assert report.unanswered == (("can i eat #", 20), ("what about my cat", 3), ("is # ok", 1))
    assert report.latency == (
        Latency("alexa", 100, 50.0, 90.0, 99.0),
        Latency("phone", 13, 10.0, 10.0, 10.0),
    )


def test_angiovoice_report_prints_the_tables(
    backend: Backend, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = backend.store()
    seed(store)
    store.close()
    monkeypatch.setenv("DATABASE_URL", backend.url)
    assert cli.main(["report", "--since", "7d"]) == 0
    out = capsys.readouterr().out
    assert "115 turns" in out
    assert re.search(r"^\s+DrivingIntent\s+60\s+5\s+65$", out, re.M)
    assert re.search(r"^\s+ChestPainIntent\s+10\s+3\s+13$", out, re.M)
    assert re.search(r"^\s+can i eat #\s+20$", out, re.M)
    assert re.search(r"^\s+alexa\s+100\s+50\.0\s+90\.0\s+99\.0$", out, re.M)
    assert "an old question" not in out

    assert cli.main(["report", "--since", "30m"]) == 0
    assert "No turns recorded in this period." in capsys.readouterr().out


def test_the_report_of_an_empty_or_missing_store_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ANGIOVOICE_DATA_DIR", str(tmp_path / "nothing-yet"))
    assert cli.main(["report"]) == 0
    out = capsys.readouterr().out
    assert "No turns recorded" in out
    assert "events.sqlite3 (no such file yet: nothing has been recorded there)" in out
    assert not (tmp_path / "nothing-yet").exists()
    assert cli.main(["report", "--since", "a week"]) == 2
    assert "--since" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "period"),
    [("7d", timedelta(days=7)), ("24h", timedelta(hours=24)), ("30m", timedelta(minutes=30))],
)
def test_since_takes_days_hours_or_minutes(text: str, period: timedelta) -> None:
    assert parse_since(text) == period


@pytest.mark.parametrize("text", ["3651d", "999999d", "87601h"])
def test_since_goes_back_at_most_ten_years(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="at most 3650d"):
        parse_since(text)
    assert parse_since("3650d") == timedelta(days=3650)
    assert cli.main(["report", "--since", text]) == 2  # not "date value out of range"
    assert "at most" in capsys.readouterr().err


# -- shutdown under real servers -----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server exited early:\n{log.read_text()}")
        try:
            if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    pytest.fail(f"the server did not come up:\n{log.read_text()}")


def _drive(base: str, turns: int) -> int:
    """`turns` requests from 16 concurrent clients, half Alexa, half signed phone turns (some
    falling to the fallback with a number in them); returns how many were answered with 200."""
    validator = RequestValidator(TOKEN)

    def one(number: int) -> int:
        if number % 2:
            payload = alexa_payload("DrivingIntent", user=f"{USER_ID}{number}")
            return requests.post(f"{base}/alexa", json=payload, timeout=30).status_code
        url = f"{base}/twilio/gather?at=main&s=0"
        form = phone_form(SpeechResult=f"can my parrot call {number} 867 5309")
        signature = validator.compute_signature(url, form)
        headers = {"X-Twilio-Signature": signature}
        return requests.post(url, data=form, headers=headers, timeout=30).status_code

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        return sum(status == 200 for status in pool.map(one, range(turns)))


@contextlib.contextmanager
def writes_held(backend: Backend) -> Iterator[None]:
    """While open, every write to the backend waits: another connection holds the lock."""
    if backend.path is not None:
        conn = sqlite3.connect(backend.path, isolation_level=None)
        try:
            conn.execute("BEGIN EXCLUSIVE")
            yield
            conn.execute("ROLLBACK")
        finally:
            conn.close()
        return
    import psycopg

    with psycopg.connect(backend.url) as pg:  # one transaction, until the block ends
        pg.execute("LOCK TABLE events IN SHARE MODE")  # INSERTs wait
        yield
        pg.rollback()


def _stop_while_writes_wait(
    server: subprocess.Popen[bytes], log: Path, backend: Backend, drive: Callable[[], int]
) -> int:
    """Serve turns while the store makes every write wait, stop the server (SIGTERM), then
    let writes through: every stored event was written by the flush at exit."""
    with writes_held(backend):
        answered = drive()
        server.send_signal(signal.SIGTERM)
        time.sleep(1)  # the server is now stopping, its events still queued behind the lock
    _stop(server, log, signalled=True)
    return answered


def _stop(server: subprocess.Popen[bytes], log: Path, signalled: bool = False) -> None:
    if not signalled:
        server.send_signal(signal.SIGTERM)
    try:
        server.wait(60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        pytest.fail(f"the server did not stop on SIGTERM:\n{log.read_text()}")


def _create_table(backend: Backend) -> None:
    store = backend.store()
    try:
        store.events()  # makes the table
    finally:
        store.close()


def _server_env(backend: Backend, tmp_path: Path, port: int) -> dict[str, str]:
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "ALEXA_SKILL_ID": SKILL_ID,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "ASK_SDK_VERIFY_SIGNATURE": "0",  # Amazon's signature cannot be made here
        "ASK_SDK_VERIFY_TIMESTAMP": "0",
        "WEB_CONCURRENCY": "2",
        "WEB_THREADS": "4",
        "ANGIOVOICE_DATA_DIR": str(tmp_path / "data"),
        "ANGIOVOICE_LOG_LEVEL": "INFO",
        "DATABASE_URL": backend.url,
    }
    env.pop("ANGIOVOICE_DEV", None)
    return env


def _serve_and_stop(
    command: list[str], env: dict[str, str], backend: Backend, log: Path, turns: int
) -> int:
    """Start a server on env's PORT, send `turns` turns, stop it while the store holds its
    writes back (see _stop_while_writes_wait); the number of turns answered."""
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        _wait_until_up(base, server, log)
        return _stop_while_writes_wait(server, log, backend, lambda: _drive(base, turns))
    finally:
        if server.poll() is None:
            _stop(server, log)


@pytest.mark.parametrize("how", ["serve", "preloaded"])
def test_gunicorn_workers_store_every_turn_before_they_exit(
    backend: Backend, tmp_path: Path, how: str
) -> None:
    """The production server (`angiovoice serve`: the app is built in each worker), and an app
    built before the fork (as gunicorn's --preload would): stored == served after SIGTERM,
    though no write could happen before it, and the log holds no number, user id or words."""
    _create_table(backend)
    port = _free_port()
    log = tmp_path / "server.log"
    command = {
        "serve": [sys.executable, "-m", "angiovoice.cli", "serve"],
        "preloaded": [sys.executable, str(ROOT / "tests" / "preloaded_server.py")],
    }[how]
    answered = _serve_and_stop(command, _server_env(backend, tmp_path, port), backend, log, 96)
    assert answered == 96
    store = backend.store()
    try:
        stored = store.events()
    finally:
        store.close()
    assert len(stored) == answered, log.read_text()[-3000:]
    assert sum(e.outcome == "fallback" for e in stored) == 48
    assert all(e.caller and e.caller != CALLER for e in stored)
    logged = log.read_text()
    for secret in (CALLER, "8675309", USER_ID, "parrot"):
        assert secret not in logged


def test_the_dev_server_stores_every_turn_when_stopped(backend: Backend, tmp_path: Path) -> None:
    _create_table(backend)
    port = _free_port()
    log = tmp_path / "server.log"
    env = {**_server_env(backend, tmp_path, port), "ANGIOVOICE_DEV": "1"}
    command = [sys.executable, "-m", "angiovoice.cli", "serve", "--dev", "--port", str(port)]
    answered = _serve_and_stop(command, env, backend, log, 40)
    assert answered == 40
    store = backend.store()
    try:
        assert len(store.events()) == 40, log.read_text()[-3000:]
    finally:
        store.close()
