"""The call's state rides in the action URLs: it round-trips, it is checked when it comes back,
and any worker (here: a second app) can take any turn of a call."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import pytest
from flask.testing import FlaskClient
from phone_sim import PhoneCall, phone_client

from angiovoice.assistant import Assistant
from angiovoice.settings import Settings
from intents.model import DialogState
from ivr import menu
from ivr.state import CallState, StateError


@pytest.mark.parametrize(
    "state",
    [
        CallState(),
        CallState(menu.RECOVERY, 2),
        CallState(menu.ANSWER, 0, DialogState(last="DrivingIntent", offer="DrivingIntent#more")),
        CallState(menu.ANSWER, 1, DialogState(last="DrivingIntent#more", offer="WorkIntent")),
        CallState(menu.ANSWER, 0, DialogState(last="DrivingIntent#more", all_heard=True)),
        CallState(menu.EMERGENCY, 0, DialogState(last="StrokeIntent", someone_else=True)),
        CallState(menu.MAIN, 1, DialogState(last="ChestPainEased", someone_else=True)),
        CallState(
            menu.ANSWER,
            0,
            DialogState(last="WoundCareIntent", offer="DrivingIntent", all_heard=True),
        ),
        CallState(menu.EMERGENCY, 0, DialogState(last="ChestPainIntent", offer="WorkIntent")),
        CallState(menu.CONFIRM, 0, DialogState(last="LaunchRequest", offer="StentIntent")),
        CallState(
            menu.ANSWER,
            0,
            DialogState(
                last="MedicationSideEffectsIntent",
                before=("SecurityScreeningIntent", "MedicationIntent", "CardiacRehabIntent"),
            ),
        ),
        CallState(  # the longest "before": three long topics' second parts
            menu.ANSWER,
            0,
            DialogState(
                last="WoundCareIntent#more",
                offer="WoundCareIntent",
                before=("MedicationSideEffectsIntent#more",) * 2
                + ("SecurityScreeningIntent#more",),
            ),
        ),
    ],
)
def test_state_round_trips_through_a_query_string(state: CallState) -> None:
    query = state.query_string()
    assert query == urlencode(state.to_query())
    assert CallState.from_query(parse_qs(query)) == state
    assert state.query_string() == query  # the second time from the cache: the same


def test_each_state_has_its_own_query_string() -> None:
    dialogs = [DialogState(), DialogState(last="DrivingIntent", offer="DrivingIntent#more")]
    states = [
        CallState(level, silences, dialog)
        for level in menu.LEVELS
        for silences in range(3)
        for dialog in dialogs
    ]
    queries = [state.query_string() for state in states]
    assert len(set(queries)) == len(states)
    assert [CallState.from_query(parse_qs(q)) for q in queries] == states


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({}, "level"),
        ({"at": ["cellar"]}, "level"),
        ({"at": ["main"], "s": ["3"]}, "silence"),
        ({"at": ["main"], "s": ["-1"]}, "silence"),
        ({"at": ["main"], "s": ["0", "1"]}, "repeated"),
        ({"at": ["answer"], "last": ["Driving Intent"]}, "last"),
        ({"at": ["answer"], "last": ["PizzaIntent"]}, "last"),
        ({"at": ["answer"], "offer": ["DrivingIntent#less"]}, "offer"),
        ({"at": ["main"], "last": ["A" * 121]}, "too long"),
        ({"at": ["answer"], "last": ["WorkIntent"], "before": ["PizzaIntent"]}, "before"),
        ({"at": ["answer"], "last": ["WorkIntent"], "before": ["PizzaIntent#more"]}, "before"),
        ({"at": ["answer"], "before": ["DrivingIntent"]}, "before"),  # before what?
        ({"at": ["answer"], "last": ["WorkIntent"], "heard": ["yes"]}, "heard"),
        ({"at": ["answer"], "heard": ["all"]}, "heard"),  # all of what?
        ({"at": ["emergency"], "last": ["ChestPainIntent"], "heard": ["all"]}, "heard"),
        ({"at": ["answer"], "last": ["WorkIntent"], "about": ["someone"]}, "about"),
        ({"at": ["main"], "about": ["someone"]}, "about"),
        ({"at": ["confirm"], "offer": ["ChestPainEased"]}, "offer"),
        ({"at": ["confirm"], "offer": ["ChestPainIntent"]}, "offer"),
        ({"at": ["answer"], "last": ["ChestPainIntent#more"]}, "last"),
        (
            {"at": ["answer"], "last": ["WorkIntent"], "before": [",".join(["FlyingIntent"] * 4)]},
            "before",
        ),
    ],
)
def test_a_query_string_this_app_did_not_write_is_refused(
    query: dict[str, list[str]], problem: str
) -> None:
    with pytest.raises(StateError, match=problem):
        CallState.from_query(query)


def test_parameters_the_app_does_not_use_are_ignored() -> None:
    state = CallState.from_query({"at": ["main"], "s": ["0"], "utm_source": ["x"]})
    assert state == CallState()


def test_a_menu_forgets_the_offer_but_keeps_the_last_answer(client: FlaskClient) -> None:
    call = PhoneCall(client)
    call.start()
    answer = call.press("3")
    assert answer.query["last"] == ["MedicationIntent"]
    assert answer.query["offer"] == ["MedicationIntent#more"]
    back = call.press(menu.MAIN_MENU_KEY)
    assert back.query["last"] == ["MedicationIntent"] and "offer" not in back.query
    assert call.say("tell me more").level == menu.ANSWER  # "more" still knows the topic


def test_any_worker_can_take_any_turn(assistant: Assistant) -> None:
    """Two separate apps stand in for two workers: a call alternates between them and goes
    exactly as it goes on one, because nothing about the call is kept on the server."""
    workers = [phone_client(Settings(dev=True), assistant) for _ in range(2)]
    script = [("press", "2"), ("press", "2"), ("silence", "-"), ("say", "yes"), ("press", "9")]

    def run(alternate: bool) -> list[list[str]]:
        call = PhoneCall(workers[0])
        heard = [call.start().says]
        for turn, (what, value) in enumerate(script, start=1):
            if alternate:
                call.client = workers[turn % 2]
            if what == "press":
                step = call.press(value)
            elif what == "say":
                step = call.say(value)
            else:
                step = call.silence()
            heard.append(step.says)
        return heard

    assert run(alternate=True) == run(alternate=False)


def test_a_call_never_carries_the_disclaimer_flag_in_its_urls() -> None:
    state = CallState(dialog=DialogState(last="ChestPainIntent", disclaimer_owed=True))
    assert "disclaimer" not in state.query_string()
    assert CallState.from_query(parse_qs(state.query_string())).dialog.last == "ChestPainIntent"
