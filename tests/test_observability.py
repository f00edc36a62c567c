"""Request ids, JSON logs without personal data, Prometheus metrics, /readyz, and the real
production server (gunicorn, two workers) with metrics added up across its workers."""

from __future__ import annotations

import copy
import gc
import io
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from phone_sim import PhoneCall, phone_client
from prometheus_client.parser import text_string_to_metric_families
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from angiovoice import logs
from angiovoice.assistant import Assistant
from angiovoice.metrics import LATENCY_BUCKETS
from angiovoice.ops import EVENTS_EXTENSION
from angiovoice.server import gunicorn_options
from angiovoice.settings import Settings, SettingsError
from intents import catalog as ic

ROOT = Path(__file__).resolve().parent.parent
ALEXA_FIXTURES = Path(__file__).parent / "fixtures" / "alexa"
SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000a1e0"
USER_ID = "amzn1.ask.account.TESTUSER"
DEVICE_ID = "amzn1.ask.device.TESTDEVICE"
CALLER = "+15551234567"
CALLED = "+15005550006"
TOKEN = "0123456789abcdef0123456789abcdef"
HEX_ID = re.compile(r"^[0-9a-f]{32}$")


def alexa_request(intent: str, slots: Mapping[str, str] | None = None) -> dict[str, Any]:
    """An IntentRequest envelope as Alexa sends it, with a user id and a device id."""
    envelope: dict[str, Any] = json.loads((ALEXA_FIXTURES / "driving.json").read_text())
    envelope = copy.deepcopy(envelope)
    envelope["request"]["intent"] = {"name": intent, "confirmationStatus": "NONE"}
    if slots:
        envelope["request"]["intent"]["slots"] = {
            name: {"name": name, "value": value, "confirmationStatus": "NONE"}
            for name, value in slots.items()
        }
    assert envelope["session"]["user"]["userId"] == USER_ID
    assert envelope["context"]["System"]["device"]["deviceId"] == DEVICE_ID
    return envelope


def samples(body: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a text exposition, by name and sorted labels."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
    }


def value(
    found: Mapping[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def total(
    found: Mapping[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    """The sum over every series of ``name`` whose labels include ``labels``."""
    return sum(
        count
        for (sample, series), count in found.items()
        if sample == name and set(labels.items()) <= set(series)
    )


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """Everything logged at DEBUG and up, as the server writes it: JSON lines."""
    stream = io.StringIO()
    handler = logs.json_handler(stream)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def parsed(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


# -- refused requests ------------------------------------------------------------------------


def test_an_unknown_path_and_a_wrong_method_are_answered_in_json(client: FlaskClient) -> None:
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and missing.mimetype == "application/json"
    assert missing.get_json() == {"error": "Not Found", "status": 404}
    wrong = client.get("/alexa")
    assert wrong.status_code == 405 and wrong.get_json() == {
        "error": "Method Not Allowed",
        "status": 405,
    }
    assert "POST" in wrong.headers["Allow"]
    assert missing.headers.get(logs.REQUEST_ID_HEADER)  # still goes through the app's hooks


# -- request ids -----------------------------------------------------------------------------


def test_a_request_id_is_generated_and_echoed(client: FlaskClient) -> None:
    first = client.get("/healthz").headers.get(logs.REQUEST_ID_HEADER)
    second = client.get("/healthz").headers.get(logs.REQUEST_ID_HEADER)
    assert first is not None and HEX_ID.match(first)
    assert second is not None and HEX_ID.match(second) and second != first


@pytest.mark.parametrize("sent", ["abc-DEF-123", "a" * 64, "0f6c1e2d-9a7b-4c3d-8e5f-1a2b3c4d5e6f"])
def test_a_sane_request_id_header_is_kept(client: FlaskClient, sent: str) -> None:
    response = client.post(
        "/alexa", json=alexa_request("DrivingIntent"), headers={"X-Request-Id": sent}
    )
    assert response.status_code == 200
    assert response.headers[logs.REQUEST_ID_HEADER] == sent


@pytest.mark.parametrize(
    "sent", ["a" * 65, "has space", "semi;colon", "new\\nline", "ünïcode", "a_b", "+15551234567 x"]
)
def test_an_insane_request_id_header_is_replaced(client: FlaskClient, sent: str) -> None:
    response = client.get("/healthz", headers={"X-Request-Id": sent})
    echoed = response.headers[logs.REQUEST_ID_HEADER]
    assert echoed != sent and HEX_ID.match(echoed)


def test_no_request_id_outlives_its_request(client: FlaskClient) -> None:
    client.get("/healthz", headers={"X-Request-Id": "only-this-request"})
    assert logs.current_request_id() is None


# -- JSON logs -------------------------------------------------------------------------------


def test_log_lines_are_json_and_carry_the_request_id(
    assistant: Assistant, json_lines: io.StringIO
) -> None:
    client = phone_client(Settings(dev=True), assistant)
    call = PhoneCall(client)
    call.start()
    fields = {**call.fields, "CallStatus": "in-progress", "SpeechResult": "when can i drive"}
    response = client.post(
        "/twilio/gather?at=main&s=0", data=fields, headers={"X-Request-Id": "turn-0001"}
    )
    assert response.status_code == 200

    lines = parsed(json_lines)
    assert lines, "nothing was logged"
    for line in lines:
        assert {"time", "level", "logger", "message", "request_id"} <= set(line)
        assert line["time"].endswith("Z")
    turn = [line for line in lines if line["request_id"] == "turn-0001"]
    assert {line["logger"] for line in turn} >= {"angiovoice.access", "ivr.web"}
    (access,) = [line for line in turn if line["logger"] == "angiovoice.access"]
    assert access["message"] == "POST /twilio/gather 200"
    assert access["method"] == "POST"
    assert access["path"] == "/twilio/gather"  # without the query string
    assert access["status"] == 200
    assert isinstance(access["duration_ms"], float) and access["duration_ms"] >= 0
    assert access["channel"] == "phone"
    assert access["intent"] == "DrivingIntent"
    assert access["emergency"] is False
    answered = [line for line in lines if line["logger"] == "angiovoice.access"]
    assert len(answered) == 2 and answered[0]["request_id"] != "turn-0001"


def test_the_formatter_masks_numbers_and_alexa_ids_as_a_safety_net() -> None:
    formatter = logs.JsonFormatter()
    record = logging.LogRecord(
        "x",
        logging.WARNING,
        __file__,
        1,
        "from %s to %s, user %s",
        (CALLER, "+44 20 7946 0000", USER_ID),
        None,
    )
    record.device = DEVICE_ID
    record.caller = "15551234567"
    record.call_sid = "CA1234567890abcdef1234567890abcdef"
    line = json.loads(formatter.format(record))
    assert line["message"] == "from <phone> to <phone>, user amzn1.ask.account.<redacted>"
    assert line["device"] == "amzn1.ask.device.<redacted>"
    assert line["caller"] == "<phone>"
    assert line["call_sid"] == "CA1234567890abcdef1234567890abcdef"  # not a number
    try:
        raise ValueError(f"bad caller {CALLER}")
    except ValueError:
        failed = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    assert CALLER not in formatter.format(failed)


def test_short_numbers_and_dates_are_left_alone() -> None:
    text = "key 2 at main, 911, duration 36 s, 2026-11-26, version 2026.11.26, code 13224"
    assert logs.redact(text) == text


def _everything_logged(records: list[logging.LogRecord]) -> str:
    parts: list[str] = []
    for record in records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        parts.append(record.exc_text or "")
        parts.extend(repr(value) for value in vars(record).values())
    return "\n".join(parts)


def test_no_caller_number_user_id_or_utterance_is_ever_logged(
    assistant: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    spoken = "when can i drive after my stent"
    dev = phone_client(Settings(dev=True, care_team_number="+442079460000"), assistant)
    call = PhoneCall(dev, caller=CALLER, to=CALLED)
    call.start()
    call.say(spoken)
    call.press("1")
    call.press("5")  # a key no menu has
    call.send({"Digits": "5551234567"})  # a number keyed in
    status = {**call.fields, "CallStatus": "completed", "CallDuration": "42"}
    assert dev.post("/twilio/status", data=status).status_code == 204
    assert dev.post("/twilio/fallback", data={**status, "ErrorCode": "11200"}).status_code == 200
    assert dev.post("/alexa", json=alexa_request("DrivingIntent")).status_code == 200
    assert dev.post("/alexa", json=alexa_request("NotAnIntent")).status_code == 200
    broken = alexa_request("DrivingIntent")
    broken["request"]["timestamp"] = "not a time " + CALLER
    dev.post("/alexa", json=broken)

    production = Settings(twilio_auth_token=TOKEN, alexa_skill_id=SKILL_ID)
    guarded = phone_client(production, assistant)
    query = f"CallSid=CA{'1' * 32}&From=%2B15551234567&To=%2B15005550006&SpeechResult=my+stent"
    refused = guarded.get(f"/twilio/gather?{query}", headers={"X-Twilio-Signature": "bad"})
    assert refused.status_code == 403
    assert guarded.post("/alexa", json=alexa_request("DrivingIntent")).status_code == 400

    logged = _everything_logged(caplog.records)
    assert caplog.records, "nothing was logged"
    for secret in (
        CALLER,
        CALLER.lstrip("+"),
        "5551234567",
        "+442079460000",
        USER_ID,
        "TESTUSER",
        DEVICE_ID,
        "TESTDEVICE",
    ):
        assert secret not in logged
    assert spoken not in logged.lower() and "my stent" not in logged.lower()


# -- metrics ---------------------------------------------------------------------------------


def scrape(client: FlaskClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return samples(response.get_data(as_text=True))


def test_metrics_count_requests_by_channel_intent_and_status(client: FlaskClient) -> None:
    assert client.post("/alexa", json=alexa_request("DrivingIntent")).status_code == 200
    assert client.post("/alexa", json=alexa_request("DrivingIntent")).status_code == 200
    assert client.post("/alexa", data=b"not json").status_code == 400
    call = PhoneCall(client)
    call.start()
    call.say("when can I go back to work")
    client.get("/healthz")

    found = scrape(client)
    requests_total = "angiovoice_requests_total"
    assert value(found, requests_total, channel="alexa", intent="DrivingIntent", status="200") == 2
    assert value(found, requests_total, channel="alexa", intent="none", status="400") == 1
    assert value(found, requests_total, channel="phone", intent=ic.LAUNCH, status="200") == 1
    assert value(found, requests_total, channel="phone", intent="WorkIntent", status="200") == 1
    assert value(found, requests_total, channel="other", intent="none", status="200") == 1
    assert total(found, "angiovoice_emergency_total") == 0
    histogram = "angiovoice_request_seconds_count"
    assert value(found, histogram, channel="alexa") == 3
    assert value(found, histogram, channel="phone") == 2
    buckets = {dict(labels)["le"] for name, labels in found if name.endswith("_bucket")}
    assert {float(b) for b in buckets - {"+Inf"}} == set(LATENCY_BUCKETS)
    assert value(found, "angiovoice_event_store_failures_total") == 0
    assert value(found, "angiovoice_events_dropped_total") == 0


def test_an_emergency_is_counted_on_every_channel(client: FlaskClient) -> None:
    call = PhoneCall(client)
    call.start()
    call.say("my chest hurts")
    call.say("when can I drive")
    assert client.post("/alexa", json=alexa_request(ic.CHEST_PAIN)).status_code == 200
    assert client.post("/alexa", json=alexa_request("DrivingIntent")).status_code == 200

    found = scrape(client)
    emergencies = "angiovoice_emergency_total"
    assert value(found, emergencies, channel="phone", intent=ic.CHEST_PAIN) == 1
    assert value(found, emergencies, channel="alexa", intent=ic.CHEST_PAIN) == 1
    assert total(found, emergencies) == 2
    assert (
        value(
            found, "angiovoice_requests_total", channel="phone", intent=ic.CHEST_PAIN, status="200"
        )
        == 1
    )


def test_each_app_counts_its_own_requests(assistant: Assistant) -> None:
    settings = Settings(dev=True)
    first, second = (phone_client(settings, assistant) for _ in range(2))
    first.get("/healthz")
    found = scrape(second)
    assert (
        value(found, "angiovoice_requests_total", channel="other", intent="none", status="200") == 0
    )


class FakeRecorder:
    """The event recorder as the metrics and /readyz see it."""

    def __init__(self, healthy: bool | None = True, **stats: int) -> None:
        self.healthy = healthy
        self.counts = dict(stats)

    def stats(self) -> Mapping[str, int]:
        return dict(self.counts)

    def health(self) -> bool:
        if self.healthy is None:
            raise OSError("the store is unreachable")
        return self.healthy


def test_event_store_failures_and_drops_follow_the_recorder(
    app: Flask, client: FlaskClient
) -> None:
    recorder = FakeRecorder(failed=3, dropped=1)
    app.extensions[EVENTS_EXTENSION] = recorder
    found = scrape(client)
    assert value(found, "angiovoice_event_store_failures_total") == 3
    assert value(found, "angiovoice_events_dropped_total") == 1

    recorder.counts.update(failed=5, dropped=4)
    client.get("/healthz")  # counted after any request, not only on a scrape
    recorder.counts.update(failed=6)
    found = scrape(client)
    assert value(found, "angiovoice_event_store_failures_total") == 6
    assert value(found, "angiovoice_events_dropped_total") == 4


def test_a_failing_recorder_costs_no_answer(app: Flask, client: FlaskClient) -> None:
    class Broken:
        def stats(self) -> Mapping[str, int]:
            raise RuntimeError("stats unavailable")

        def health(self) -> bool:
            raise RuntimeError("health unavailable")

    app.extensions[EVENTS_EXTENSION] = Broken()
    assert client.post("/alexa", json=alexa_request("DrivingIntent")).status_code == 200
    assert client.get("/metrics").status_code == 200
    assert client.get("/readyz").json == {
        "status": "degraded",
        "catalog": app.extensions["angiovoice"].catalog.version,
        "events": "degraded",
    }


# -- health ----------------------------------------------------------------------------------


def test_readyz_is_ready_with_a_healthy_store(app: Flask, client: FlaskClient) -> None:
    version = app.extensions["angiovoice"].catalog.version
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ready", "catalog": version, "events": "off"}
    app.extensions[EVENTS_EXTENSION] = FakeRecorder(healthy=True)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ready", "catalog": version, "events": "ok"}


@pytest.mark.parametrize("healthy", [False, None], ids=["unhealthy", "check-raises"])
def test_readyz_is_degraded_but_serving_when_the_store_is_down(
    app: Flask, client: FlaskClient, healthy: bool | None
) -> None:
    app.extensions[EVENTS_EXTENSION] = FakeRecorder(healthy=healthy)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json is not None
    assert response.json["status"] == "degraded" and response.json["events"] == "degraded"
    assert client.post("/alexa", json=alexa_request(ic.CHEST_PAIN)).status_code == 200


def test_readyz_is_503_without_a_catalog(app: Flask, client: FlaskClient) -> None:
    app.extensions["angiovoice"] = object()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "unready", "catalog": None, "events": "off"}
    assert client.get("/healthz").status_code == 200  # liveness is another question


# -- the production server -------------------------------------------------------------------


def test_server_settings_come_from_the_environment() -> None:
    env = {
        "WEB_CONCURRENCY": "3",
        "WEB_THREADS": "8",
        "WEB_TIMEOUT": "20",
        "WEB_GRACEFUL_TIMEOUT": "25",
        "WEB_MAX_REQUESTS": "1000",
        "ANGIOVOICE_LOG_LEVEL": "warning",
    }
    options = gunicorn_options(Settings.from_env(env))
    assert (options["workers"], options["threads"], options["timeout"]) == (3, 8, 20)
    assert options["graceful_timeout"] == 25
    assert (options["max_requests"], options["max_requests_jitter"]) == (1000, 100)
    assert options["accesslog"] is None
    config = options["logconfig_dict"]
    assert config["root"]["level"] == "WARNING"
    assert config["loggers"]["gunicorn.error"]["propagate"] is True
    assert callable(options["child_exit"])
    defaults = gunicorn_options(Settings.from_env({}))
    assert (defaults["workers"], defaults["threads"]) == (2, 1)
    # One request at a time per worker by default; threads (WEB_THREADS > 1) mean gthread.
    from gunicorn.config import Config

    for threads, worker in ((1, "SyncWorker"), (8, "ThreadWorker")):
        config = Config()
        for key, value in gunicorn_options(Settings(web_threads=threads)).items():
            config.set(key, value)
        assert config.worker_class.__name__ == worker


def test_gunicorn_builds_no_access_line_of_its_own() -> None:
    # The app writes the access line; gunicorn's would be built on every request and dropped.
    from gunicorn.config import Config

    config = Config()
    for key, value in gunicorn_options(Settings()).items():
        config.set(key, value)
    logger = config.logger_class(config)
    assert logger.access_log_enabled is False
    assert logger.access(None, None, {}, None) is None


def test_each_worker_freezes_what_it_loaded() -> None:
    hook = gunicorn_options(Settings())["post_worker_init"]
    before = gc.get_freeze_count()
    kept = [object() for _ in range(10)]
    try:
        hook(None)
        assert gc.get_freeze_count() >= before + len(kept)
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("WEB_GRACEFUL_TIMEOUT", "soon"),
        ("WEB_CONCURRENCY", "0"),
        ("ANGIOVOICE_LOG_LEVEL", "loud"),
        ("CARE_TEAM_NUMBER", "12345"),
        ("CARE_TEAM_NUMBER", "911"),
        ("CARE_TEAM_NUMBER", "call the ward"),
        ("PUBLIC_BASE_URL", "notaurl"),
        ("PUBLIC_BASE_URL", "angiovoice.example.com"),
        ("PUBLIC_BASE_URL", "ftp://angiovoice.example.com"),
        ("PUBLIC_BASE_URL", "https://angiovoice.example.com/?x=1"),
        ("PUBLIC_BASE_URL", "https://angio voice.example.com"),
        ("PUBLIC_BASE_URL", "https://angiovoice.example.com?"),
        ("PUBLIC_BASE_URL", "https://angiovoice.example.com/#"),
        ("PUBLIC_BASE_URL", "https://angiovoice.example.com:notaport"),
        ("PUBLIC_BASE_URL", "https://angiovoice.example.com:99999"),
        ("PUBLIC_BASE_URL", "https://user:pw@angiovoice.example.com"),
        ("PUBLIC_BASE_URL", "http://[::1"),
    ],
)
def test_bad_server_settings_are_named(name: str, raw: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: raw})


def test_a_public_base_url_loses_its_trailing_slash_only() -> None:
    for raw, kept in (
        ("https://angiovoice.example.com/", "https://angiovoice.example.com"),
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000"),
        ("https://example.org/angiovoice/", "https://example.org/angiovoice"),
    ):
        assert Settings.from_env({"PUBLIC_BASE_URL": raw}).public_base_url == kept
    assert Settings.from_env({}).public_base_url is None


def test_a_care_team_number_may_be_written_as_people_write_numbers() -> None:
    for raw in ("+44 1234 567890", "+1 (555) 010-0199", "441234567890"):
        assert Settings.from_env({"CARE_TEAM_NUMBER": raw}).care_team_number == raw


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _lines(path: Path) -> list[dict[str, Any]]:
    """The JSON lines written so far (a line still being written is left for later)."""
    *complete, _ = path.read_text().split("\n")
    return [json.loads(line) for line in complete if line.strip()]


def _said(path: Path, words: str) -> int:
    """How many of gunicorn's lines so far say ``words``."""
    return sum(words in line["message"] for line in _lines(path))


def _wait_for(check: Any, what: str, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def _up(base: str) -> bool:
    try:
        return requests.get(f"{base}/healthz", timeout=1).status_code == 200
    except requests.ConnectionError:
        return False


def test_the_production_server_adds_up_every_workers_metrics(tmp_path: Path) -> None:
    """gunicorn with two workers; a graceful reload (SIGHUP) replaces both, so the requests
    are answered by four processes. /metrics must count every one of them, and the server
    must stop cleanly on SIGTERM, leaving no metrics files behind."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PROMETHEUS", "WEB_"))},
        "ANGIOVOICE_DEV": "0",
        "ALEXA_SKILL_ID": SKILL_ID,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "ASK_SDK_VERIFY_SIGNATURE": "0",  # no Amazon signature here; the skill id is still checked
        "ASK_SDK_VERIFY_TIMESTAMP": "0",
        "WEB_CONCURRENCY": "2",
        "WEB_GRACEFUL_TIMEOUT": "5",
        "TMPDIR": str(temp),
        "ANGIOVOICE_DATA_DIR": str(tmp_path / "data"),  # the turn events' SQLite file
        "PYTHONUNBUFFERED": "1",
    }
    out = tmp_path / "stdout.jsonl"
    command = [
        sys.executable,
        "-m",
        "angiovoice.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with out.open("w") as stdout:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.PIPE)
    try:
        _wait_for(lambda: _up(base), "the server to answer")
        validator = RequestValidator(TOKEN)

        def phone(speech: str | None) -> int:
            url = f"{base}/twilio/voice" if speech is None else f"{base}/twilio/gather?at=main&s=0"
            data = {"CallSid": "CA" + "2" * 32, "From": CALLER, "To": CALLED, "ToCountry": "US"}
            if speech is not None:
                data["SpeechResult"] = speech
            signature = validator.compute_signature(url, data)
            return requests.post(
                url, data=data, headers={"X-Twilio-Signature": signature}, timeout=5
            ).status_code

        def alexa(intent: str) -> int:
            return requests.post(f"{base}/alexa", json=alexa_request(intent), timeout=5).status_code

        def burst() -> list[int]:
            jobs = [lambda: phone(None)] * 4 + [lambda: phone("my chest hurts")] * 2
            jobs += [lambda: alexa("DrivingIntent")] * 3 + [lambda: alexa(ic.CHEST_PAIN)]
            with ThreadPoolExecutor(4) as pool:
                return list(pool.map(lambda job: job(), jobs))

        assert burst() == [200] * 10
        _wait_for(lambda: _said(out, "Booting worker") == 2, "two workers")
        server.send_signal(signal.SIGHUP)  # graceful reload: two new workers, the old ones leave
        _wait_for(
            lambda: _said(out, "Booting worker") == 4 and _said(out, "Worker exiting") == 2,
            "the reload",
        )
        assert burst() == [200] * 10

        scraped = requests.get(f"{base}/metrics", timeout=5)
        assert scraped.status_code == 200 and scraped.headers["Content-Type"].startswith(
            "text/plain"
        )
        found = samples(scraped.text)
        counted = "angiovoice_requests_total"
        assert value(found, counted, channel="phone", intent=ic.LAUNCH, status="200") == 8
        assert value(found, counted, channel="phone", intent=ic.CHEST_PAIN, status="200") == 4
        assert value(found, counted, channel="alexa", intent="DrivingIntent", status="200") == 6
        assert value(found, counted, channel="alexa", intent=ic.CHEST_PAIN, status="200") == 2
        assert (
            value(found, "angiovoice_emergency_total", channel="phone", intent=ic.CHEST_PAIN) == 4
        )
        assert (
            value(found, "angiovoice_emergency_total", channel="alexa", intent=ic.CHEST_PAIN) == 2
        )
        assert value(found, "angiovoice_request_seconds_count", channel="phone") == 12
        ready = requests.get(f"{base}/readyz", timeout=5)
        assert ready.status_code == 200
        assert (ready.json()["status"], ready.json()["events"]) == ("ready", "ok")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            _, errors = server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert server.returncode == 0, errors.decode()

    lines = _lines(out)  # every line is JSON (json.loads raised otherwise)
    access = [line for line in lines if line["logger"] == "angiovoice.access"]
    served_by = {
        line["pid"]
        for line in access
        if line["path"] in ("/alexa", "/twilio/voice", "/twilio/gather")
    }
    assert len(served_by) >= 2, "the requests were not answered by several workers"
    assert all(line["request_id"] and "?" not in line["path"] for line in access)
    assert not any(line["logger"] == "gunicorn.access" for line in lines)
    text = out.read_text()
    for secret in (CALLER, CALLER.lstrip("+"), USER_ID, DEVICE_ID, "my chest hurts"):
        assert secret not in text
    assert list(temp.iterdir()) == [], "the metrics directory was left behind"
