"""The `angiovoice` command, run as a user runs it."""

from __future__ import annotations

import ctypes.util
import json
import os
import socket
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
    out, err = capsys.readouterr()
    assert "Do not drive for at least 1 week" in out
    assert out.startswith("This is general information. It is not medical advice")
    # It ends "Would you like to hear more?", which one question cannot answer: where to go on
    # (on stderr, so the answer on stdout stays the same as the other channels').
    assert "angiovoice chat" in err and "angiovoice chat" not in out


@pytest.mark.parametrize(
    ("locale", "number"), [("en-GB", "999"), ("en-IN", "112"), ("en-AU", "000"), ("en-US", "911")]
)
def test_ask_chest_pain_in_each_locale(
    capsys: pytest.CaptureFixture[str], locale: str, number: str
) -> None:
    assert main(["ask", "--locale", locale, "my chest hurts"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Stop what you are doing and rest.")
    assert f"call {number} now" in out
    # The instruction first; the disclaimer, owed to every conversation, after it.
    assert out.splitlines()[-1] == (
        "This is general information. It is not medical advice, so follow your care team."
    )
    assert out.count("This is general information") == 1
    assert err == ""  # nothing is asked: nothing to say about replying


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
    assert set(rows[0]) == {"text", "intent", "score", "lead", "emergency"}
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
    lines = result.stdout.decode().splitlines()
    # Piped input is echoed, so the transcript reads as a conversation at a terminal.
    said = [line.removeprefix("You: ") for line in lines if line.startswith("You: ")]
    assert said[:5] == script.decode().splitlines()
    replies = [line.removeprefix("AngioVoice: ") for line in lines if line.startswith("AngioVoice")]
    assert len(replies) == 6
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


# -- usage errors and closed pipes: one line on stderr, never a traceback ---------------------


def one_line_error(stderr: bytes) -> str:
    text = stderr.decode()
    assert "Traceback" not in text and text.count("\n") == 1, text
    assert text.startswith("angiovoice: "), text
    return text


@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng is not installed (make test installs it)")
@pytest.mark.parametrize("where", ["missing/under/a-file", "a-file", "/proc/forbidden"])
def test_chat_save_audio_to_an_unusable_directory_is_refused_before_the_conversation(
    tmp_path: Path, where: str
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    if where == "missing/under/a-file":
        target = tmp_path / "a-file" / "missing"
    elif where == "a-file":
        target = tmp_path / "a-file"
    else:
        if not Path("/proc/self").is_dir():
            pytest.skip("no /proc here")
        target = Path(where)
    result = run(["chat", "--save-audio", str(target)], stdin=b"when can I drive\n")
    assert result.returncode == 2
    assert result.stdout == b""  # refused before the conversation starts
    assert "--save-audio" in one_line_error(result.stderr)


def test_chat_whose_speech_engine_fails_leaves_no_empty_audio_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import angiovoice.voice

    def no_engine() -> None:
        raise angiovoice.voice.VoiceError("no speech engine could be started")

    monkeypatch.setattr(angiovoice.voice, "Voice", no_engine)
    target = tmp_path / "wavs"
    assert main(["chat", "--save-audio", str(target)]) == 2
    assert "no speech engine" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize("port", ["0", "-5", "+8080", "65536", "99999", "http"])
def test_serve_refuses_a_port_out_of_range_before_starting(port: str) -> None:
    result = run(["serve", "--dev", "--port", port])
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"--port: must be a number from 1 to 65535" in result.stderr


def test_review_to_a_file_is_refused_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("not a directory")
    result = run(["review", "--no-audio", "--out", str(target)])
    assert result.returncode == 2 and "--out" in one_line_error(result.stderr)
    assert target.read_text() == "not a directory"


def test_understand_takes_text_or_jsonl_not_both() -> None:
    result = run(["understand", "--jsonl", "when can I drive"], stdin=b"chest pain\n")
    assert result.returncode == 2 and result.stdout == b""
    assert b"not both" in result.stderr


def test_export_model_check_says_when_the_package_is_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export-model", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["export-model", "--out", str(tmp_path), "--check"]) == 0
    assert capsys.readouterr().out.startswith("up to date: 6 files in")


# Every subcommand that prints, with its reader gone before it writes (`angiovoice ... | head`).
PRINTING_COMMANDS: list[tuple[list[str], bytes]] = [
    (["ask", "when can I drive after my stent?"], b""),
    (["chat"], b"when can I drive\n"),
    (["understand", "when can I drive"], b""),
    (["understand", "--jsonl"], b"when can I drive\n" * 50),
    (["export-model", "--out", "{tmp}/package"], b""),
    (["review", "--no-audio", "--out", "{tmp}/review"], b""),
    (["report"], b""),
]


@pytest.mark.parametrize(
    ("args", "stdin"), PRINTING_COMMANDS, ids=[" ".join(a[:2]) for a, _ in PRINTING_COMMANDS]
)
def test_a_closed_stdout_ends_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], stdin: bytes
) -> None:
    monkeypatch.setenv("ANGIOVOICE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    with subprocess.Popen(
        [*EXE, *argv], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None and proc.stdin is not None and proc.stderr is not None
        proc.stdout.close()  # no reader left: the first write meets EPIPE
        proc.stdin.write(stdin)
        proc.stdin.close()
        stderr = proc.stderr.read()
        status = proc.wait(timeout=120)
    assert stderr == b""
    assert status == 141  # as a shell reports a process ended by SIGPIPE


@pytest.mark.parametrize(
    "endpoint",
    [
        "garbage",
        "",
        "http://insecure/alexa",
        "https://",
        "https:///alexa",
        "https://voice.example.org:port/alexa",
        "https://voice example.org/alexa",
        "ftp://voice.example.org/alexa",
        "arn:aws:s3:::angiovoice",
        "arn:aws:lambda:us-east-1:123:function:angiovoice",
        "arn:aws:lambda:us-east-1:123456789012:angiovoice",
        "arn:aws:lambda:us-east-1:123456789012:function:",
    ],
)
def test_export_model_refuses_an_endpoint_alexa_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], endpoint: str
) -> None:
    assert main(["export-model", "--out", str(tmp_path), "--endpoint", endpoint]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and not (tmp_path / "skill.json").exists()
    assert "--endpoint must be an https:// URL" in one_line_error(captured.err.encode())


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://voice.example.org/alexa",
        "https://voice.example.org:8443/alexa",
        "arn:aws:lambda:us-east-1:123456789012:function:angiovoice",
        "arn:aws:lambda:eu-west-1:123456789012:function:angio-voice_2:live",
        "arn:aws:lambda:us-west-2:123456789012:function:angiovoice:7",
        "arn:aws:lambda:us-east-1:123456789012:function:angiovoice:$LATEST",
    ],
)
def test_export_model_accepts_an_https_url_or_a_lambda_arn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], endpoint: str
) -> None:
    assert main(["export-model", "--out", str(tmp_path), "--endpoint", endpoint]) == 0
    manifest = json.loads((tmp_path / "skill.json").read_text())
    assert manifest["manifest"]["apis"]["custom"]["endpoint"]["uri"] == endpoint


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="aplay is Linux's player")
@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng is not installed (make test installs it)")
@pytest.mark.parametrize("save", [False, True], ids=["speak", "speak-and-save"])
def test_chat_speak_without_aplay_says_so_once_and_goes_on(tmp_path: Path, save: bool) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    wavs = tmp_path / "wavs"
    result = subprocess.run(
        [*EXE, "chat", "--speak", *(["--save-audio", str(wavs)] if save else [])],
        input=b"when can I drive\nwhat is a stent\n",
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "PATH": str(empty)},  # no aplay to be found, by us or by sh
    )
    assert result.returncode == 0, result.stderr
    err = one_line_error(result.stderr)  # not "sh: 1: aplay: not found" for every answer
    assert "aplay" in err and "alsa-utils" in err and "not found" not in err
    out = result.stdout.decode()
    assert "Do not drive for at least 1 week" in out and "stent is a small mesh tube" in out
    if save:  # writing WAV files plays nothing, so needs no aplay
        names = sorted(p.name for p in wavs.glob("turn-*.wav"))
        assert names == ["turn-000.wav", "turn-001.wav", "turn-002.wav"]


def test_serve_on_a_busy_port_says_so_before_any_banner(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "ANGIOVOICE_DATA_DIR": str(tmp_path)}
        done = subprocess.run(
            [*EXE, "serve", "--dev", "--port", str(port)],
            capture_output=True,
            timeout=120,
            check=False,
            env=env,
        )
    assert done.returncode != 0
    said = done.stdout.decode() + done.stderr.decode()
    assert "in use" in said
    assert "Try it" not in said and "Listening on loopback" not in said
