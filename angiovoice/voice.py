"""Speaking answers aloud, and saving them as WAV files, through pyttsx3 (espeak-ng on Linux)."""

from __future__ import annotations

import contextlib
import io
import logging
import platform
import shutil
import threading
import wave
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class VoiceError(RuntimeError):
    """The speech engine is not available; the message says what to install."""


class Voice:
    """A pyttsx3 engine. Created only when speech is asked for, so text use stays fast."""

    def __init__(self, rate: int = 150) -> None:
        try:
            import pyttsx3
        except ImportError as exc:  # pragma: no cover - pyttsx3 is a dependency
            raise VoiceError("pyttsx3 is not installed: pip install pyttsx3") from exc
        try:
            self._engine: Any = pyttsx3.init()
        except Exception as exc:
            raise VoiceError(
                "no speech engine could be started; on Debian or Ubuntu install one with "
                f"'apt-get install espeak-ng' ({exc})"
            ) from exc
        self._engine.setProperty("rate", rate)
        self.playback_problem = playback_problem()
        self._warned = False

    def say(self, text: str) -> None:
        """Speak through the sound card; a machine without one logs a warning and goes on."""
        if self.playback_problem:  # the driver would print a shell error for every answer
            if not self._warned:
                log.warning(
                    "could not speak aloud (%s); the answer is still printed", self.playback_problem
                )
                self._warned = True
            return
        try:
            self._engine.say(text)
            self._engine.runAndWait()
        except Exception as exc:
            log.warning("could not speak aloud (%s); the answer is still printed", exc)

    def save(self, text: str, path: Path, timeout: float = 30.0, attempts: int = 3) -> Path:
        """Render text to a WAV file at path and return the path.

        pyttsx3's espeak driver may return from runAndWait before the audio is written (it
        finishes on espeak's own thread), so we wait for its "finished-utterance" event; and
        now and then it writes a WAV with no audio in it, so a file without frames is made
        again, a few times at most.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, attempts + 1):
            self._render(text, path, timeout)
            frames = _frames(path)
            if frames:
                return path
            log.warning("speech engine wrote no audio to %s (attempt %d)", path, attempt)
        raise VoiceError(f"the speech engine wrote no audio to {path}")

    def _render(self, text: str, path: Path, timeout: float) -> None:
        path.unlink(missing_ok=True)
        finished = threading.Event()
        token = self._engine.connect("finished-utterance", lambda **_: finished.set())
        try:
            # The driver prints "Audio saved to ..." itself; keep our standard output clean.
            with contextlib.redirect_stdout(io.StringIO()):
                self._engine.save_to_file(text, str(path))
                self._engine.runAndWait()
                finished.wait(timeout)
        finally:
            self._engine.disconnect(token)


def playback_problem() -> str | None:
    """Why answers cannot be played aloud here, or None.

    On Linux pyttsx3's espeak driver plays each answer by running ``aplay`` through the shell,
    which without it prints "aplay: not found" for every answer. Saving WAV files needs no aplay.
    """
    if platform.system() == "Linux" and shutil.which("aplay") is None:
        return (
            "playing audio needs aplay; on Debian or Ubuntu install it with "
            "'apt-get install alsa-utils'"
        )
    return None


def _frames(path: Path) -> int:
    """How many audio frames a WAV file holds (0 if it is missing or not a WAV file)."""
    try:
        with wave.open(str(path)) as audio:
            return int(audio.getnframes())
    except (OSError, EOFError, wave.Error):
        return 0
