"""Settings from the environment, read once and frozen."""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

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


def parse_port(raw: str) -> int | None:
    """A TCP port to listen on, 1 to 65535, in plain digits ("8080"); None for anything else."""
    return int(raw) if raw.isdigit() and 0 < int(raw) < 65536 else None


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    port = parse_port(raw)
    if port is None:
        raise SettingsError(f"{name} must be a port number from 1 to 65535; got {raw!r}")
    return port


def _count(env: Mapping[str, str], name: str, default: int, least: int = 1) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < least:
        raise SettingsError(f"{name} must be a whole number, at least {least}; got {raw!r}")
    return int(raw)


_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _log_level(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name, "").strip().upper()
    if not raw:
        return default
    if raw not in _LOG_LEVELS:
        raise SettingsError(f"{name} must be one of {', '.join(_LOG_LEVELS)}; got {raw!r}")
    return raw


DEFAULT_DATA_DIR = "./data"
_DATABASE_SCHEMES = ("postgresql://", "postgres://", "sqlite:///")
_MIN_SALT = 16


def _database_url(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    if not raw.startswith(_DATABASE_SCHEMES):
        scheme = raw.split(":", 1)[0] if ":" in raw else "no scheme"
        raise SettingsError(
            f"{name} must start with postgresql://, postgres:// or sqlite:///; got {scheme}"
        )
    return raw


def _base_url(env: Mapping[str, str], name: str) -> str | None:
    """An http(s) address with a host, an optional port and path, and nothing else (no query,
    fragment or user); a trailing slash is dropped (the app adds its own paths to it)."""
    raw = env.get(name, "").strip().rstrip("/")
    if not raw:
        return None
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number or out of range
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(character in raw for character in "?#@")  # a query, a fragment, a password
        or any(character.isspace() for character in raw)
    ):
        raise SettingsError(
            f"{name} must be the address the platform calls, like https://angiovoice.example.com;"
            f" got {raw!r}"
        )
    return raw


# A phone number to dial: E.164 ("+441234567890"), spaces, dots, dashes and brackets allowed.
E164 = re.compile(r"^\+?[1-9][0-9]{6,14}$")


def compact_phone_number(raw: str) -> str:
    """A phone number without the spaces, dots, dashes and brackets people write in it."""
    return re.sub(r"[\s().-]", "", raw)


def _phone_number(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name, "").strip()
    if raw and not E164.match(compact_phone_number(raw)):
        raise SettingsError(f"{name} must be a phone number in E.164 form, like +441234567890")
    return raw or None


def _salt(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name, "").strip()
    if raw and len(raw) < _MIN_SALT:  # the value itself is never repeated in a message
        raise SettingsError(f"{name} must be at least {_MIN_SALT} characters long")
    return raw or None


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
    # The production server (gunicorn) and its logs.
    web_workers: int = 2
    web_threads: int = 1
    web_timeout: int = 10
    web_graceful_timeout: int = 10
    web_max_requests: int = 0
    log_level: str = "INFO"
    # Turn events (angiovoice.events). from_env() defaults data_dir to ./data; a Settings built
    # in code without data_dir or database_url keeps no events (tests, tools).
    data_dir: str | None = None
    database_url: str | None = field(default=None, repr=False)  # may hold a password
    hash_salt: str | None = field(default=None, repr=False)

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
            public_base_url=_base_url(env, "PUBLIC_BASE_URL"),
            care_team_number=_phone_number(env, "CARE_TEAM_NUMBER"),
            locale_from_called_country=_flag(env, "ANGIOVOICE_LOCALE_FROM_CALLED_NUMBER", False),
            web_workers=_count(env, "WEB_CONCURRENCY", 2),
            web_threads=_count(env, "WEB_THREADS", 1),
            web_timeout=_count(env, "WEB_TIMEOUT", 10),
            web_graceful_timeout=_count(env, "WEB_GRACEFUL_TIMEOUT", 10),
            web_max_requests=_count(env, "WEB_MAX_REQUESTS", 0, least=0),
            log_level=_log_level(env, "ANGIOVOICE_LOG_LEVEL", "INFO"),
            data_dir=env.get("ANGIOVOICE_DATA_DIR", "").strip() or DEFAULT_DATA_DIR,
            database_url=_database_url(env, "DATABASE_URL"),
            hash_salt=_salt(env, "ANGIOVOICE_HASH_SALT"),
        )


@lru_cache(maxsize=256)
def is_loopback(address: str | None) -> bool:
    """Whether a request came from this machine: development mode trusts nothing else.

    Only development mode asks, on every request; a server hears from few addresses, so the
    answers are cached.
    """
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
