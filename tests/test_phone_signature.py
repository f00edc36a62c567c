"""X-Twilio-Signature: what Twilio signed passes, anything else gets 403, including behind a
proxy; development mode lets loopback requests through and nothing else."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from phone_sim import PhoneCall, check_twiml, phone_client
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

from angiovoice.app import MAX_REQUEST_BYTES
from angiovoice.assistant import Assistant
from angiovoice.server import missing_secrets
from angiovoice.settings import Settings
from ivr import menu
from prompts.static import last_resort

TOKEN = "0123456789abcdef0123456789abcdef"
PUBLIC = "https://angio.example.org"


def production(token: str | None = TOKEN, public_base_url: str | None = None) -> Settings:
    return Settings(
        dev=False,
        twilio_auth_token=token,
        public_base_url=public_base_url,
        alexa_skill_id="amzn1.ask.skill.00000000-0000-0000-0000-000000000000",
    )


@pytest.fixture
def client(assistant: Assistant) -> FlaskClient:
    return phone_client(production(), assistant)


def _signed_post(
    client: FlaskClient,
    url: str,
    data: dict[str, str],
    signed_data: dict[str, str] | None = None,
    token: str = TOKEN,
) -> int:
    signature = RequestValidator(token).compute_signature(url, signed_data or data)
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    response = client.post(path, data=data, headers={"X-Twilio-Signature": signature})
    return response.status_code


def test_a_body_over_the_size_limit_is_refused_before_it_is_read(client: FlaskClient) -> None:
    url = "http://localhost/twilio/gather?at=main&s=0"
    data = {"CallSid": "CA" + "1" * 32, "SpeechResult": "x" * (MAX_REQUEST_BYTES + 1)}
    # Even signed as Twilio signs: Twilio never sends such a body.
    assert _signed_post(client, url, data) == 403


def test_a_signed_call_goes_through_every_turn(client: FlaskClient) -> None:
    call = PhoneCall(client, auth_token=TOKEN)
    call.start()
    call.press("2")
    step = call.say("when can I drive")
    assert step.level == menu.ANSWER and set(step.statuses) == {200}


def test_behind_a_proxy_the_public_url_is_what_is_checked(assistant: Assistant) -> None:
    client = phone_client(production(public_base_url=PUBLIC), assistant)
    call = PhoneCall(client, auth_token=TOKEN, base_url=PUBLIC)
    greeting = call.start()
    assert (greeting.action or "").startswith(f"{PUBLIC}/twilio/gather?")
    assert call.press("1").level == menu.PROCEDURE


def test_behind_a_proxy_without_public_base_url_the_signature_fails(
    client: FlaskClient,
) -> None:
    call = PhoneCall(client, auth_token=TOKEN, base_url=PUBLIC)
    with pytest.raises(AssertionError, match="answered 403"):
        call.start()


@pytest.mark.parametrize(
    "route", ["/twilio/voice", "/twilio/gather?at=main&s=0", "/twilio/dial?at=emergency&s=0"]
)
def test_a_wrong_token_is_refused(client: FlaskClient, route: str) -> None:
    url = f"http://localhost{route}"
    data = {"CallSid": "CA" + "1" * 32, "Digits": "1"}
    assert _signed_post(client, url, data, token="f" * 32) == 403
    assert _signed_post(client, url, data) == 200


def test_a_changed_parameter_is_refused(client: FlaskClient) -> None:
    url = "http://localhost/twilio/gather?at=main&s=0"
    signed = {"CallSid": "CA" + "1" * 32, "Digits": "1"}
    assert _signed_post(client, url, {**signed, "Digits": "9"}, signed_data=signed) == 403
    assert _signed_post(client, url, {**signed, "Extra": "x"}, signed_data=signed) == 403


def test_a_changed_query_string_is_refused(client: FlaskClient) -> None:
    data = {"CallSid": "CA" + "1" * 32}
    signature = RequestValidator(TOKEN).compute_signature(
        "http://localhost/twilio/gather?at=main&s=0", data
    )
    response = client.post(
        "/twilio/gather?at=emergency&s=0", data=data, headers={"X-Twilio-Signature": signature}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("header", [None, "", "x" * 500])
def test_a_missing_or_absurd_header_is_refused(client: FlaskClient, header: str | None) -> None:
    headers = {} if header is None else {"X-Twilio-Signature": header}
    response = client.post("/twilio/voice", data={"CallSid": "CA1"}, headers=headers)
    assert response.status_code == 403
    assert response.mimetype == "text/plain"


def test_a_get_webhook_is_checked_over_its_url(client: FlaskClient) -> None:
    url = "http://localhost/twilio/voice?CallSid=CA1&ToCountry=US"
    signature = RequestValidator(TOKEN).compute_signature(url, {})
    ok = client.get(url.removeprefix("http://localhost"), headers={"X-Twilio-Signature": signature})
    assert ok.status_code == 200
    check_twiml(ok.get_data())
    tampered = client.get(
        "/twilio/voice?CallSid=CA2&ToCountry=US", headers={"X-Twilio-Signature": signature}
    )
    assert tampered.status_code == 403


def test_status_callbacks_are_checked_too(client: FlaskClient) -> None:
    url = "http://localhost/twilio/status"
    data = {"CallSid": "CA1", "CallStatus": "completed", "CallDuration": "42"}
    assert _signed_post(client, url, data) == 204
    assert client.post("/twilio/status", data=data).status_code == 403


def test_the_fallback_answers_even_unsigned(client: FlaskClient) -> None:
    """The fallback is static and is what callers hear when the signature check is what broke
    (a wrong PUBLIC_BASE_URL); refusing it would leave them with Twilio's error message."""
    response = client.post("/twilio/fallback", data={"ErrorCode": "11200"})
    assert response.status_code == 200
    root = check_twiml(response.get_data())
    assert next(say.text for say in root.iter("Say")) == last_resort("9 1 1")


def test_the_fallback_log_says_whether_the_signature_was_checked(
    assistant: Assistant, client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    data = {"CallSid": "CA1", "ErrorCode": "11200"}
    with caplog.at_level(logging.ERROR, logger="ivr.web"):
        client.post("/twilio/fallback", data=data)  # production settings, unsigned
        phone_client(Settings(dev=True), assistant).post("/twilio/fallback", data=data)
    said = [record.getMessage() for record in caplog.records]
    assert "signed=False" in said[0] and "signed=not checked" in said[1], said


def test_without_a_token_production_refuses_everything(assistant: Assistant) -> None:
    settings = production(token=None)
    client = phone_client(settings, assistant)
    assert client.post("/twilio/voice", data={"CallSid": "CA1"}).status_code == 403
    assert "TWILIO_AUTH_TOKEN" in missing_secrets(Settings())  # the server will not start


def test_development_mode_trusts_loopback_only(assistant: Assistant) -> None:
    client = phone_client(Settings(dev=True), assistant)
    assert client.post("/twilio/voice", data={"CallSid": "CA1"}).status_code == 200
    remote = client.post(
        "/twilio/voice", data={"CallSid": "CA1"}, environ_base={"REMOTE_ADDR": "203.0.113.9"}
    )
    assert remote.status_code == 403


def test_development_mode_still_checks_remote_requests_when_it_has_a_token(
    assistant: Assistant,
) -> None:
    client = phone_client(Settings(dev=True, twilio_auth_token=TOKEN), assistant)
    data = {"CallSid": "CA1"}
    signature = RequestValidator(TOKEN).compute_signature("http://localhost/twilio/voice", data)
    remote = {"REMOTE_ADDR": "203.0.113.9"}
    signed = client.post(
        "/twilio/voice",
        data=data,
        headers={"X-Twilio-Signature": signature},
        environ_base=remote,
    )
    assert signed.status_code == 200
    assert client.post("/twilio/voice", data=data, environ_base=remote).status_code == 403
