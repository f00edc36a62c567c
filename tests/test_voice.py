"""Speech: what happens when a machine cannot play sound."""

from __future__ import annotations

import sys
import types

import pytest

from angiovoice import voice


@pytest.fixture
def no_aplay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voice.platform, "system", lambda: "Linux")
    monkeypatch.setattr(voice.shutil, "which", lambda name: None)


@pytest.mark.usefixtures("no_aplay")
def test_linux_without_aplay_has_a_playback_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    problem = voice.playback_problem()
    assert problem is not None and "aplay" in problem and "alsa-utils" in problem
    monkeypatch.setattr(voice.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert voice.playback_problem() is None


class FakeEngine:
    """The part of a pyttsx3 engine that Voice.say uses."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def setProperty(self, name: str, value: object) -> None:
        pass

    def say(self, text: str) -> None:
        self.said.append(text)

    def runAndWait(self) -> None:
        pass


@pytest.mark.usefixtures("no_aplay")
def test_say_without_a_player_warns_once_and_plays_nothing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    engine = FakeEngine()
    monkeypatch.setitem(sys.modules, "pyttsx3", types.SimpleNamespace(init=lambda: engine))
    speaker = voice.Voice()
    speaker.say("one")
    speaker.say("two")
    assert engine.said == []  # the driver would print "sh: 1: aplay: not found" for each
    warnings = [r.getMessage() for r in caplog.records if "aplay" in r.getMessage()]
    assert len(warnings) == 1 and "alsa-utils" in warnings[0]
