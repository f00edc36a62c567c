"""Verification of requests sent to the Alexa HTTPS endpoint.

Amazon's rules for a custom skill hosted as a web service (host-a-custom-skill-as-a-web-service):

- ``SignatureCertChainUrl`` is https, host ``s3.amazonaws.com`` (case-insensitive), a
  normalised path starting ``/echo.api/``, and port 443 if a port is given;
- the certificate chain found there is valid now, its leaf names ``echo-api.amazon.com`` and
  it leads to a trusted root;
- ``Signature-256`` is the base64 RSA PKCS#1 v1.5 SHA-256 signature of the raw body, made with
  that leaf's key;
- the request timestamp is within 150 seconds of now;
- and (our rule, as in the ASK SDK) the application id is the configured skill id.

The chain is validated with ``cryptography``'s X.509 path validation (``PolicyBuilder``)
against an injectable trust store, by default the system's CA bundle. A validated key is
cached by URL until its certificate expires. Any failure raises `VerificationError` with a
short reason, which the endpoint returns with HTTP 400.
"""

from __future__ import annotations

import base64
import binascii
import logging
import posixpath
import ssl
import threading
import urllib.request
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.general_name import DNSName
from cryptography.x509.verification import PolicyBuilder, Store
from cryptography.x509.verification import VerificationError as ChainError

from angiovoice.settings import Settings
from skill.appid import VerificationError, check_application_id

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "Signature-256"
CERT_URL_HEADER = "SignatureCertChainUrl"
CERT_HOST = "s3.amazonaws.com"
CERT_PATH_PREFIX = "/echo.api/"
ECHO_API_NAME = "echo-api.amazon.com"
TIMESTAMP_TOLERANCE = timedelta(seconds=150)
# Skill events (enable, disable, permission changes) may be delivered up to an hour late.
SKILL_EVENT_TOLERANCE = timedelta(hours=1)
FETCH_TIMEOUT_SECONDS = 3.0
MAX_CHAIN_BYTES = 64 * 1024
MAX_CACHED_CHAINS = 16

# Where the system keeps its CA bundle when Python's defaults do not say (Debian, RHEL, Alpine).
_BUNDLE_CANDIDATES = (
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/cert.pem",
)
_PEM_END = b"-----END CERTIFICATE-----"

Clock = Callable[[], datetime]
Fetcher = Callable[[str], bytes]


def utc_now() -> datetime:
    return datetime.now(UTC)


# -- the certificate URL ------------------------------------------------------------------------


def check_cert_url(url: str) -> None:
    """Raise unless ``url`` is a place Amazon keeps its signing certificates."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise VerificationError("certificate URL is malformed") from exc
    if parts.scheme.lower() != "https":
        raise VerificationError("certificate URL must use https")
    if (parts.hostname or "").lower() != CERT_HOST:
        raise VerificationError("certificate URL host must be s3.amazonaws.com")
    if port is not None and port != 443:
        raise VerificationError("certificate URL port must be 443")
    path = posixpath.normpath(unquote(parts.path)) if parts.path else ""
    if not path.startswith(CERT_PATH_PREFIX):
        raise VerificationError("certificate URL path must start with /echo.api/")


# -- timestamp and application id ---------------------------------------------------------------


def parse_timestamp(value: Any) -> datetime:
    """Read an Alexa request timestamp: ISO 8601 (the documented form) or epoch milliseconds."""
    if isinstance(value, bool):
        raise VerificationError("request timestamp is malformed")
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value / 1000, UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise VerificationError("request timestamp is malformed") from exc
    if not isinstance(value, str) or not value:
        raise VerificationError("request timestamp is missing")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise VerificationError("request timestamp is malformed") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def check_timestamp(envelope: Mapping[str, Any], now: datetime) -> None:
    request = envelope.get("request")
    if not isinstance(request, Mapping):
        raise VerificationError("request timestamp is missing")
    sent = parse_timestamp(request.get("timestamp"))
    kind = request.get("type")
    tolerance = (
        SKILL_EVENT_TOLERANCE
        if isinstance(kind, str) and kind.startswith("AlexaSkillEvent.")
        else TIMESTAMP_TOLERANCE
    )
    if abs(now - sent) > tolerance:
        raise VerificationError("request timestamp is too old or in the future")


# -- the certificate chain ----------------------------------------------------------------------


def default_bundle_path() -> Path:
    """The system CA bundle: $SSL_CERT_FILE or OpenSSL's default, else a well-known path."""
    paths = ssl.get_default_verify_paths()
    for candidate in (paths.cafile, paths.openssl_cafile, *_BUNDLE_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError(
        "no CA bundle found to verify Alexa's certificate; set SSL_CERT_FILE to a PEM bundle"
    )


def load_trust_store(path: Path | None = None) -> Store:
    """A trust store from a PEM bundle. Certificates that cannot be parsed are skipped."""
    bundle = (path or default_bundle_path()).read_bytes()
    roots: list[x509.Certificate] = []
    skipped = 0
    for block in bundle.split(_PEM_END):
        if b"-----BEGIN CERTIFICATE-----" not in block:
            continue
        # Some system roots (Go Daddy, Starfield...) have a zero serial number, which
        # cryptography warns about; the system trusts them, so we do too. Runs at start-up.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            try:
                roots.append(x509.load_pem_x509_certificate(block + _PEM_END))
            except ValueError:
                skipped += 1
    if not roots:
        raise ValueError(f"no certificates could be read from {path or 'the CA bundle'}")
    if skipped:
        log.debug("trust store: skipped %d unreadable certificate(s)", skipped)
    return Store(roots)


def fetch_url(url: str) -> bytes:
    """Fetch a certificate chain (the URL was checked first: https to s3.amazonaws.com only)."""
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as response:
        data: bytes = response.read(MAX_CHAIN_BYTES + 1)
    if len(data) > MAX_CHAIN_BYTES:
        raise VerificationError("certificate chain is too large")
    return data


@dataclass(frozen=True)
class _Trusted:
    key: rsa.RSAPublicKey
    not_after: datetime


class CertificateChainVerifier:
    """Fetches, validates and caches the signing certificate for a certificate URL."""

    def __init__(
        self,
        trust_store: Store,
        fetcher: Fetcher = fetch_url,
        clock: Clock = utc_now,
    ) -> None:
        self._store = trust_store
        self._fetch = fetcher
        self._clock = clock
        self._cache: dict[str, _Trusted] = {}
        self._lock = threading.Lock()

    def signing_key(self, url: str) -> rsa.RSAPublicKey:
        """The public key that signs requests, for a certificate URL already checked."""
        now = self._clock()
        with self._lock:
            cached = self._cache.get(url)
            if cached is not None and now < cached.not_after:
                return cached.key
            self._cache.pop(url, None)
        trusted = self._validate(self._download(url), now)
        with self._lock:
            if len(self._cache) >= MAX_CACHED_CHAINS:
                self._cache.clear()
            self._cache[url] = trusted
        return trusted.key

    def _download(self, url: str) -> list[x509.Certificate]:
        try:
            data = self._fetch(url)
        except VerificationError:
            raise
        except Exception as exc:
            log.warning("could not fetch the Alexa certificate chain %s: %s", url, exc)
            raise VerificationError("certificate chain could not be fetched") from exc
        try:
            chain = x509.load_pem_x509_certificates(data)
        except ValueError as exc:
            raise VerificationError("certificate chain is not valid PEM") from exc
        if not chain:
            raise VerificationError("certificate chain is empty")
        return chain

    def _validate(self, chain: list[x509.Certificate], now: datetime) -> _Trusted:
        leaf, intermediates = chain[0], chain[1:]
        if not leaf.not_valid_before_utc <= now < leaf.not_valid_after_utc:
            raise VerificationError("signing certificate is expired or not yet valid")
        if ECHO_API_NAME not in _dns_names(leaf):
            raise VerificationError("signing certificate is not issued to echo-api.amazon.com")
        verifier = (
            PolicyBuilder()
            .store(self._store)
            .time(now)
            .build_server_verifier(DNSName(ECHO_API_NAME))
        )
        try:
            verified = verifier.verify(leaf, intermediates)
        except ChainError as exc:
            log.warning("Alexa certificate chain rejected: %s", exc)
            raise VerificationError("signing certificate is not trusted") from exc
        key = leaf.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise VerificationError("signing certificate does not hold an RSA key")
        not_after = min(cert.not_valid_after_utc for cert in verified)
        return _Trusted(key=key, not_after=not_after)


def _dns_names(cert: x509.Certificate) -> set[str]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set()
    return {name.lower() for name in san.get_values_for_type(x509.DNSName)}


def check_signature(key: rsa.RSAPublicKey, signature_b64: str, body: bytes) -> None:
    try:
        signature = base64.b64decode(signature_b64.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise VerificationError("signature is not valid base64") from exc
    try:
        key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as exc:
        raise VerificationError("signature does not match the request body") from exc


# -- the whole check ----------------------------------------------------------------------------


class RequestVerifier:
    """Everything the endpoint checks before it answers.

    ``skill_id`` None accepts any application id (development only: production refuses to
    start without one). ``certificates`` is required when ``verify_signature`` is on.
    """

    def __init__(
        self,
        *,
        skill_id: str | None,
        verify_signature: bool,
        verify_timestamp: bool,
        certificates: CertificateChainVerifier | None = None,
        require_skill_id: bool = False,
        clock: Clock = utc_now,
    ) -> None:
        if verify_signature and certificates is None:
            raise ValueError("signature verification needs a CertificateChainVerifier")
        self.skill_id = skill_id
        self.verify_signature = verify_signature
        self.verify_timestamp = verify_timestamp
        self.require_skill_id = require_skill_id
        self._certificates = certificates
        self._clock = clock

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        certificates: CertificateChainVerifier | None = None,
        clock: Clock = utc_now,
    ) -> RequestVerifier:
        """Development mode checks only the skill id (when set); production checks everything
        that ASK_SDK_VERIFY_SIGNATURE and ASK_SDK_VERIFY_TIMESTAMP leave on (both default on)."""
        if settings.dev:
            return cls(
                skill_id=settings.alexa_skill_id,
                verify_signature=False,
                verify_timestamp=False,
                clock=clock,
            )
        if settings.verify_signature and certificates is None:
            certificates = CertificateChainVerifier(load_trust_store(), clock=clock)
        return cls(
            skill_id=settings.alexa_skill_id,
            verify_signature=settings.verify_signature,
            verify_timestamp=settings.verify_timestamp,
            certificates=certificates,
            require_skill_id=True,
            clock=clock,
        )

    def verify(self, headers: Mapping[str, str], body: bytes, envelope: Mapping[str, Any]) -> None:
        """Raise `VerificationError` unless the request may be answered."""
        if self.skill_id is not None:
            check_application_id(envelope, self.skill_id)
        elif self.require_skill_id:
            raise VerificationError("ALEXA_SKILL_ID is not configured")
        if self.verify_timestamp:
            check_timestamp(envelope, self._clock())
        if self.verify_signature:
            self._check_signature(headers, body)

    def _check_signature(self, headers: Mapping[str, str], body: bytes) -> None:
        assert self._certificates is not None  # guaranteed by __init__
        url = headers.get(CERT_URL_HEADER)
        signature = headers.get(SIGNATURE_HEADER)
        if not url:
            raise VerificationError(f"missing {CERT_URL_HEADER} header")
        if not signature:
            raise VerificationError(f"missing {SIGNATURE_HEADER} header")
        check_cert_url(url)
        check_signature(self._certificates.signing_key(url.strip()), signature, body)
