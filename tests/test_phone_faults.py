"""Never a failed call: whatever breaks, Twilio gets valid TwiML with the emergency advice.

A handler that raises, a prompt missing from the catalog, absurd or missing fields and a
tampered query string all give an apology, the short emergency instruction and the main menu;
if even that cannot be rendered, a static last resort. Never a 4xx/5xx past the signature.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st
from phone_sim import PhoneCall, check_twiml, phone_client

from angiovoice.app import MAX_REQUEST_BYTES, create_app
from angiovoice.assistant import Assistant
from angiovoice.settings import Settings
from intents.model import Reply, Turn
from ivr import menu
from prompts import CatalogError
from prompts.static import GOODBYE, LOCAL_NUMBER, last_resort

SID = "CA" + "ab" * 16


def said(assistant: Assistant, key: str, locale: str = "en-US") -> str:
    catalog = assistant.catalog
    return catalog.speakable(catalog.say(key, locale, "phone"), locale)


def page(client: FlaskClient, path: str, data: dict[str, str] | None = None) -> ET.Element:
    response = client.post(path, data={"CallSid": SID, **(data or {})})
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/xml"
    return check_twiml(response.get_data())


def says(root: ET.Element) -> list[str]:
    return [(say.text or "").strip() for say in root.iter("Say")]


def level(root: ET.Element) -> str | None:
    gather = root.find("Gather")
    if gather is None:
        return None
    query = parse_qs(urlsplit(gather.get("action") or "").query)
    return query["at"][0]


def assert_apology(root: ET.Element, assistant: Assistant, locale: str = "en-US") -> None:
    spoken = says(root)
    assert spoken[0] == said(assistant, "error", locale)
    assert spoken[1] == said(assistant, "emergency_short", locale)
    assert level(root) == menu.MAIN
    assert any("press 1" in line for line in spoken)  # the main menu follows


def assert_last_resort(root: ET.Element, number: str = "9 1 1") -> None:
    """The static page, with the line's emergency number as it is said (en-US by default)."""
    assert says(root) == [last_resort(number), GOODBYE]
    assert [verb.tag for verb in root] == ["Say", "Say", "Hangup"]


# -- a handler that raises, a catalog entry missing -------------------------------------------


def test_a_router_that_raises_gives_the_apology(
    client: FlaskClient, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(turn: Turn) -> Reply:
        raise RuntimeError("boom")

    monkeypatch.setattr(assistant.router, "respond", boom)
    for path, data in [
        ("/twilio/voice", {}),
        ("/twilio/gather?at=main&s=0", {"Digits": "3"}),
        ("/twilio/gather?at=main&s=0", {"SpeechResult": "when can I drive"}),
        ("/twilio/gather?at=answer&s=0&last=DrivingIntent", {}),
    ]:
        assert_apology(page(client, path, data), assistant)


def test_a_shared_handler_that_raises_gives_the_apology(
    client: FlaskClient, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(turn: Turn) -> Reply:
        raise RuntimeError("boom")

    monkeypatch.setitem(assistant.router.routes, "DrivingIntent", boom)
    root = page(client, "/twilio/gather?at=recovery&s=0", {"Digits": "2"})
    assert_apology(root, assistant)


def test_a_missing_prompt_at_one_level_still_gives_the_menu(
    client: FlaskClient, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(assistant.catalog.prompts, "phone_key_again")
    root = page(client, "/twilio/gather?at=main&s=0", {"Digits": "3"})
    assert_apology(root, assistant)


def test_a_missing_menu_prompt_gives_the_static_last_resort(
    client: FlaskClient, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(assistant.catalog.prompts, "phone_option")
    assert_last_resort(page(client, "/twilio/voice"))
    assert_last_resort(page(client, "/twilio/gather?at=main&s=0", {"Digits": "1"}))


def test_a_catalog_without_the_phone_prompts_stops_start_up(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(assistant.catalog.prompts, "phone_unknown_key")
    with pytest.raises(CatalogError, match="phone_unknown_key"):
        create_app(Settings(dev=True), assistant)


# -- absurd and missing fields ----------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"SpeechResult": "when can I drive " * 600},  # 10 KB
        {"SpeechResult": "chest pain " * 1000},
        {"Digits": "abc"},
        {"Digits": "1; DROP TABLE"},
        {"Digits": "1" * 100},
        {"CallSid": ""},
        {"CallSid": "CA<script>"},
    ],
    ids=lambda data: next(iter(data)),
)
def test_absurd_fields_give_the_apology(
    client: FlaskClient, assistant: Assistant, data: dict[str, str]
) -> None:
    assert_apology(page(client, "/twilio/gather?at=main&s=0", data), assistant)


def test_a_body_over_the_size_limit_gives_the_apology(
    client: FlaskClient, assistant: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    # Not read into memory whole: werkzeug stops at the app's MAX_CONTENT_LENGTH.
    speech = "when can I drive " * (MAX_REQUEST_BYTES // 16)
    assert_apology(page(client, "/twilio/gather?at=main&s=0", {"SpeechResult": speech}), assistant)
    assert "Too Large" in caplog.text
    assert_last_resort(page(client, "/twilio/fallback", {"SpeechResult": speech}))
    assert client.post("/twilio/status", data={"CallStatus": speech}).status_code == 204
    assert "Traceback" not in caplog.text  # expected refusals, logged as warnings


def test_a_repeated_field_gives_the_apology(client: FlaskClient, assistant: Assistant) -> None:
    response = client.post(
        "/twilio/gather?at=main&s=0", data={"CallSid": SID, "Digits": ["1", "2"]}
    )
    assert response.status_code == 200
    assert_apology(check_twiml(response.get_data()), assistant)


def test_no_form_at_all_gives_the_apology(client: FlaskClient, assistant: Assistant) -> None:
    response = client.post("/twilio/voice", data=b"\x00\xff\xfe", content_type="text/plain")
    assert response.status_code == 200
    assert_apology(check_twiml(response.get_data()), assistant)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "at=nowhere&s=0",
        "at=main&s=-1",
        "at=main&s=3",
        "at=main&s=x",
        "at=main&at=answer&s=0",
        "at=answer&s=0&last=%3Cscript%3E",
        "at=answer&s=0&last=PizzaIntent",
        "at=confirm&s=0",
        "at=confirm&s=0&offer=ChestPainIntent",
        "at=answer&s=0",
        "at=" + "main" * 100,
    ],
)
def test_a_tampered_query_string_gives_the_apology(
    client: FlaskClient, assistant: Assistant, query: str
) -> None:
    # a silence at a confirm or answer level needs the state to replay: tampering shows there
    assert_apology(page(client, f"/twilio/gather?{query}"), assistant)


def test_a_tampered_dial_result_gives_the_apology(
    client: FlaskClient, assistant: Assistant
) -> None:
    root = page(client, "/twilio/dial?at=emergency&s=-5", {"DialCallStatus": "busy"})
    assert_apology(root, assistant)


def test_an_unknown_dial_status_counts_as_not_answered(
    client: FlaskClient, assistant: Assistant
) -> None:
    root = page(client, "/twilio/dial?at=emergency&s=0", {"DialCallStatus": "exploded"})
    assert says(root)[0] == said(assistant, "phone_care_team_no_answer")
    assert level(root) == menu.EMERGENCY


def test_the_apology_speaks_the_line_s_locale(assistant: Assistant) -> None:
    client = phone_client(Settings(dev=True, locale="en-GB"), assistant)
    root = page(client, "/twilio/gather?at=main&s=-1")
    assert_apology(root, assistant, "en-GB")
    assert "call 9 9 9 now" in says(root)[1]


def test_the_fallback_url_needs_no_catalog(
    client: FlaskClient, assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise AssertionError("the fallback must not touch the catalog")

    monkeypatch.setattr(assistant.catalog, "say", broken)
    monkeypatch.setattr(assistant.router, "respond", broken)
    root = page(client, "/twilio/fallback", {"ErrorCode": "11200", "ErrorUrl": "https://x/y"})
    assert_last_resort(root)


@pytest.mark.parametrize("configured", ["en-GB", "en_gb"])
def test_the_fallback_speaks_in_the_lines_own_voice(assistant: Assistant, configured: str) -> None:
    client = phone_client(Settings(dev=True, locale=configured), assistant)
    greeting = page(client, "/twilio/voice")
    root = page(client, "/twilio/fallback")
    assert_last_resort(root, "9 9 9")  # a UK line's number, not "your local emergency number"
    voices = {say.get("voice") for say in root.iter("Say")}
    assert voices == {say.get("voice") for say in greeting.iter("Say")} == {"Polly.Amy"}


def test_the_fallback_names_the_called_countrys_number_where_the_line_follows_it(
    assistant: Assistant,
) -> None:
    settings = Settings(dev=True, locale="en-US", locale_from_called_country=True)
    client = phone_client(settings, assistant)
    assert_last_resort(page(client, "/twilio/fallback", {"ToCountry": "IN"}), "1 1 2")
    assert_last_resort(page(client, "/twilio/fallback", {"ToCountry": "GB"}), "9 9 9")
    assert_last_resort(page(client, "/twilio/fallback", {"ToCountry": "FR"}), LOCAL_NUMBER)
    assert_last_resort(page(client, "/twilio/fallback"), LOCAL_NUMBER)  # no country: generic
    fixed = phone_client(Settings(dev=True, locale="en-US"), assistant)  # not opted in
    assert_last_resort(page(fixed, "/twilio/fallback", {"ToCountry": "IN"}), "9 1 1")


def test_status_callbacks_are_accepted_and_logged(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="ivr.web")
    data = {"CallSid": SID, "CallStatus": "completed", "CallDuration": "61"}
    assert client.post("/twilio/status", data=data).status_code == 204
    assert "completed" in caplog.text and SID in caplog.text
    assert client.post("/twilio/status", data={"CallStatus": "x" * 5000}).status_code == 204


# -- anything at all --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_client(assistant: Assistant) -> FlaskClient:
    return phone_client(Settings(dev=True), assistant)


_text = st.text(max_size=300)


@settings(
    derandomize=True,
    max_examples=150,
    deadline=None,
)
@given(
    route=st.sampled_from(["/twilio/voice", "/twilio/gather", "/twilio/dial"]),
    query=st.dictionaries(st.sampled_from(["at", "s", "last", "offer", "x"]), _text, max_size=4),
    form=st.dictionaries(
        st.sampled_from(["CallSid", "Digits", "SpeechResult", "ToCountry", "DialCallStatus"]),
        _text,
        max_size=5,
    ),
)
def test_any_request_gets_valid_twiml(
    dev_client: FlaskClient, route: str, query: dict[str, str], form: dict[str, str]
) -> None:
    response = dev_client.post(route, query_string=query, data=form)
    assert response.status_code == 200
    root = check_twiml(response.get_data())
    assert root.find("Gather") is not None or root.find("Hangup") is not None


def test_a_call_survives_a_string_of_absurd_turns(
    client: FlaskClient, assistant: Assistant
) -> None:
    call = PhoneCall(client)
    call.start()
    for fields in [{"Digits": "zz"}, {"SpeechResult": "x" * 3000}, {"Digits": "#"}, {}]:
        step = call.send(fields)
        assert step.gather is not None and not step.hung_up
    assert "call 9 1 1 now" in call.press(menu.EMERGENCY_KEY).says[0]
