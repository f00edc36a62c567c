"""Settings from the environment, read once and frozen."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(f"{name} must be a port number from 1 to 65535; got {raw!r}")
    return int(raw)


@dataclass(frozen=True)
class Settings:
    dev: bool = False
    host: str = LOOPBACK
    port: int = 5000
    locale: str = "en-US"
    alexa_skill_id: str | None = None
    verify_signature: bool = True
    verify_timestamp: bool = True
    twilio_auth_token: str | None = None
    public_base_url: str | None = None
    care_team_number: str | None = None
    locale_from_called_country: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        dev = _flag(env, "ANGIOVOICE_DEV", False)
        return cls(
            dev=dev,
            host=env.get("HOST", LOOPBACK).strip() or LOOPBACK,
            port=_port(env, "PORT", 5000),
            locale=env.get("ANGIOVOICE_LOCALE", "en-US").strip() or "en-US",
            alexa_skill_id=env.get("ALEXA_SKILL_ID", "").strip() or None,
            verify_signature=_flag(env, "ASK_SDK_VERIFY_SIGNATURE", True),
            verify_timestamp=_flag(env, "ASK_SDK_VERIFY_TIMESTAMP", True),
            twilio_auth_token=env.get("TWILIO_AUTH_TOKEN", "").strip() or None,
            public_base_url=(env.get("PUBLIC_BASE_URL", "").strip().rstrip("/") or None),
            care_team_number=env.get("CARE_TEAM_NUMBER", "").strip() or None,
            locale_from_called_country=_flag(env, "ANGIOVOICE_LOCALE_FROM_CALLED_NUMBER", False),
        )
