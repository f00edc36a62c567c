"""The `angiovoice` command, run as a user runs it."""

from __future__ import annotations

import ctypes.util
import json
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from angiovoice.cli import main

EXE = [sys.executable, "-m", "angiovoice.cli"]


def run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*EXE, *args], input=stdin, capture_output=True, timeout=120, check=False)


def test_ask_prints_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "when", "can", "I", "drive", "after", "my", "stent?"]) == 0
    out = capsys.readouterr().out
    assert "Do not drive for at least 1 week" in out
    assert out.startswith("This is general information, not medical advice.")


@pytest.mark.parametrize(
    ("locale", "number"), [("en-GB", "999"), ("en-IN", "112"), ("en-AU", "000"), ("en-US", "911")]
)
def test_ask_chest_pain_in_each_locale(
    capsys: pytest.CaptureFixture[str], locale: str, number: str
) -> None:
    assert main(["ask", "--locale", locale, "my chest hurts"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Stop what you are doing and rest.")
    assert f"call {number} now" in out


def test_understand_jsonl_survives_any_bytes() -> None:
    lines = [
        b"when can I drive",
        b"",
        b"\xff\xfe\xfa invalid utf-8",
        "🙂".encode(),
        b"\x00\x01\x02",
        b"my husband is clutching his chest",
        b"x" * 10_000,
    ]
    result = run(["understand", "--jsonl"], stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(rows) == len(lines)
    assert set(rows[0]) == {"text", "intent", "score", "emergency"}
    assert rows[0]["intent"] == "DrivingIntent" and rows[0]["emergency"] is False
    for row in rows[1:5] + rows[6:]:
        assert row["intent"] == "AMAZON.FallbackIntent" and row["emergency"] is False
    assert rows[5]["intent"] == "ChestPainIntent" and rows[5]["emergency"] is True


def test_understand_without_input_says_how_to_use_it() -> None:
    result = run(["understand"])
    assert result.returncode == 2 and b"--jsonl" in result.stderr


def test_chat_keeps_the_conversation(tmp_path: Path) -> None:
    script = b"what is a stent\nyes\nrepeat\nmy chest hurts\nstop\n"
    result = run(["chat", "--locale", "en-GB"], stdin=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    replies = [line for line in out.split("AngioVoice: ") if line.strip()]
    assert "not medical advice" in replies[0]
    assert "stent is a small mesh tube" in replies[1]
    assert "anti-platelet medicines" in replies[2]  # yes -> more
    assert replies[3] == replies[2]  # repeat
    assert replies[4].startswith("Stop what you are doing and rest.") and "999" in replies[4]
    assert "Goodbye" in replies[5]


def test_chat_ends_cleanly_at_end_of_input() -> None:
    result = run(["chat"], stdin=b"when can I go back to work\n")
    assert result.returncode == 0 and b"Traceback" not in result.stderr


HAS_ESPEAK = (
    ctypes.util.find_library("espeak-ng") is not None
    or ctypes.util.find_library("espeak") is not None
)


@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng is not installed (make test installs it)")
def test_chat_saves_each_spoken_answer_as_wav(tmp_path: Path) -> None:
    result = run(
        ["chat", "--locale", "en-GB", "--save-audio", str(tmp_path)],
        stdin=b"when can I drive\nmy chest hurts\n",
    )
    assert result.returncode == 0, result.stderr
    files = sorted(tmp_path.glob("turn-*.wav"))
    assert [f.name for f in files] == ["turn-000.wav", "turn-001.wav", "turn-002.wav"]
    durations = []
    for path in files:
        with wave.open(str(path)) as audio:
            assert audio.getnchannels() == 1 and audio.getnframes() > 0
            durations.append(audio.getnframes() / audio.getframerate())
    # The emergency instruction, with how to hear it again, stays under 25 seconds spoken.
    assert 8 < durations[2] < 25
