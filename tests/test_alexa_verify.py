"""Request verification, against a certificate chain these tests make themselves.

A root, an intermediate and an ``echo-api.amazon.com`` leaf are generated with
``cryptography``; the verifier gets the root as its trust store, a fetcher that serves the chain
(and records every URL it is asked for) and a fixed clock. Nothing touches the network.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import Store
from flask import Flask
from flask.testing import FlaskClient

from angiovoice.assistant import Assistant
from angiovoice.settings import Settings
from skill.appid import VerificationError
from skill.verify import (
    CertificateChainVerifier,
    RequestVerifier,
    check_cert_url,
    check_timestamp,
    default_bundle_path,
    load_trust_store,
    parse_timestamp,
)
from skill.web import create_blueprint

NOW = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)
SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000a1e0"
CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"
FIXTURE = Path(__file__).parent / "fixtures" / "alexa" / "driving.json"


# -- a small private PKI -----------------------------------------------------------------------


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _usage(*, sign_certs: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not sign_certs,
        content_commitment=False,
        key_encipherment=not sign_certs,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=sign_certs,
        crl_sign=sign_certs,
        encipher_only=False,
        decipher_only=False,
    )


def _certificate(
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: str,
    issuer_key: rsa.RSAPrivateKey,
    *,
    ca: bool,
    names: tuple[str, ...] = (),
    not_before: datetime = NOW - timedelta(days=30),
    not_after: datetime = NOW + timedelta(days=30),
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_usage(sign_certs=ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        ).add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), critical=False
        )
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass(frozen=True)
class Pki:
    root: x509.Certificate
    intermediate: x509.Certificate
    leaf_key: rsa.RSAPrivateKey
    intermediate_key: rsa.RSAPrivateKey
    other_key: rsa.RSAPrivateKey
    other_root: x509.Certificate

    def leaf(self, **overrides: Any) -> x509.Certificate:
        options: dict[str, Any] = {"names": ("echo-api.amazon.com",)} | overrides
        return _certificate(
            "echo-api.amazon.com",
            self.leaf_key,
            "AngioVoice Test Intermediate",
            self.intermediate_key,
            ca=False,
            **options,
        )

    def chain(self, leaf: x509.Certificate | None = None) -> bytes:
        certs = (leaf or self.leaf(), self.intermediate)
        return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in certs)


@pytest.fixture(scope="module")
def pki() -> Pki:
    root_key, intermediate_key, leaf_key, other_key = _key(), _key(), _key(), _key()
    root = _certificate("AngioVoice Test Root", root_key, "AngioVoice Test Root", root_key, ca=True)
    intermediate = _certificate(
        "AngioVoice Test Intermediate",
        intermediate_key,
        "AngioVoice Test Root",
        root_key,
        ca=True,
    )
    other_root = _certificate(
        "Someone Else's Root", other_key, "Someone Else's Root", other_key, ca=True
    )
    return Pki(root, intermediate, leaf_key, intermediate_key, other_key, other_root)


# -- the endpoint under test -------------------------------------------------------------------


@dataclass
class Harness:
    pki: Pki
    served: bytes
    clock_at: datetime = NOW
    fetched: list[str] = field(default_factory=list)
    trust: list[x509.Certificate] = field(default_factory=list)

    def fetch(self, url: str) -> bytes:
        self.fetched.append(url)
        return self.served

    def clock(self) -> datetime:
        return self.clock_at


@pytest.fixture
def harness(pki: Pki) -> Harness:
    return Harness(pki=pki, served=pki.chain(), trust=[pki.root])


def _verifier(harness: Harness) -> RequestVerifier:
    certificates = CertificateChainVerifier(
        Store(harness.trust), fetcher=harness.fetch, clock=harness.clock
    )
    return RequestVerifier(
        skill_id=SKILL_ID,
        verify_signature=True,
        verify_timestamp=True,
        certificates=certificates,
        require_skill_id=True,
        clock=harness.clock,
    )


def make_client(harness: Harness, assistant: Assistant) -> FlaskClient:
    app = Flask(__name__)
    settings = Settings(alexa_skill_id=SKILL_ID)
    app.register_blueprint(create_blueprint(settings, assistant, verifier=_verifier(harness)))
    return app.test_client()


@pytest.fixture
def client(harness: Harness, assistant: Assistant) -> FlaskClient:
    return make_client(harness, assistant)


def envelope(timestamp: datetime = NOW, skill_id: str = SKILL_ID) -> bytes:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["request"]["timestamp"] = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    data["context"]["System"]["application"]["applicationId"] = skill_id
    data["session"]["application"]["applicationId"] = skill_id
    return json.dumps(data).encode()


def sign(body: bytes, key: rsa.RSAPrivateKey) -> str:
    return base64.b64encode(key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()


def send(
    client: FlaskClient,
    body: bytes,
    signature: str | None,
    url: str | None = CERT_URL,
) -> tuple[int, dict[str, Any]]:
    headers = {}
    if signature is not None:
        headers["Signature-256"] = signature
    if url is not None:
        headers["SignatureCertChainUrl"] = url
    response = client.post("/alexa", data=body, headers=headers, content_type="application/json")
    payload: dict[str, Any] = response.get_json()
    return response.status_code, payload


# -- a good request ----------------------------------------------------------------------------


def test_a_correctly_signed_request_is_answered(client: FlaskClient, harness: Harness) -> None:
    body = envelope()
    status, payload = send(client, body, sign(body, harness.pki.leaf_key))
    assert status == 200
    assert "<speak>" in payload["response"]["outputSpeech"]["ssml"]
    assert harness.fetched == [CERT_URL]


def test_the_chain_is_cached_by_url(client: FlaskClient, harness: Harness) -> None:
    for _ in range(3):
        body = envelope()
        assert send(client, body, sign(body, harness.pki.leaf_key))[0] == 200
    assert harness.fetched == [CERT_URL]


def test_the_cache_ends_when_the_certificate_expires(client: FlaskClient, harness: Harness) -> None:
    body = envelope()
    assert send(client, body, sign(body, harness.pki.leaf_key))[0] == 200
    harness.clock_at = NOW + timedelta(days=31)  # the leaf expired yesterday
    body = envelope(timestamp=harness.clock_at)
    status, payload = send(client, body, sign(body, harness.pki.leaf_key))
    assert status == 400
    assert "expired" in payload["error"]
    assert harness.fetched == [CERT_URL, CERT_URL]


def test_header_names_are_case_insensitive(client: FlaskClient, harness: Harness) -> None:
    body = envelope()
    response = client.post(
        "/alexa",
        data=body,
        headers={
            "signature-256": sign(body, harness.pki.leaf_key),
            "signaturecertchainurl": CERT_URL,
        },
        content_type="application/json",
    )
    assert response.status_code == 200


# -- signatures --------------------------------------------------------------------------------


def test_a_signature_by_another_key_is_rejected(client: FlaskClient, harness: Harness) -> None:
    body = envelope()
    status, payload = send(client, body, sign(body, harness.pki.other_key))
    assert status == 400
    assert payload["error"] == "signature does not match the request body"


def test_a_tampered_body_is_rejected(client: FlaskClient, harness: Harness) -> None:
    body = envelope()
    signature = sign(body, harness.pki.leaf_key)
    tampered = body.replace(b"DrivingIntent", b"WorkIntent")
    assert tampered != body
    status, payload = send(client, tampered, signature)
    assert status == 400
    assert payload["error"] == "signature does not match the request body"


@pytest.mark.parametrize(
    ("signature", "url", "reason"),
    [
        (None, CERT_URL, "missing Signature-256 header"),
        ("c2ln", None, "missing SignatureCertChainUrl header"),
        ("not base64 !!", CERT_URL, "signature is not valid base64"),
    ],
)
def test_missing_or_garbled_signature_headers_are_rejected(
    client: FlaskClient, signature: str | None, url: str | None, reason: str
) -> None:
    status, payload = send(client, envelope(), signature, url)
    assert status == 400
    assert payload["error"] == reason


# -- the certificate URL -----------------------------------------------------------------------


BAD_URLS = [
    ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "https"),
    ("https://notamazon.com/echo.api/echo-api-cert.pem", "host"),
    ("https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem", "host"),
    ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "port"),
    ("https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem", "malformed"),
    ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "path"),
    ("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", "path"),
    ("https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem", "path"),
    ("https://s3.amazonaws.com/echo.api/%2e%2e/invalid.path/cert.pem", "path"),
    ("https://s3.amazonaws.com", "path"),
]

GOOD_URLS = [
    "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
]


@pytest.mark.parametrize(("url", "problem"), BAD_URLS)
def test_each_bad_certificate_url_is_rejected_without_fetching(
    client: FlaskClient, harness: Harness, url: str, problem: str
) -> None:
    body = envelope()
    status, payload = send(client, body, sign(body, harness.pki.leaf_key), url)
    assert status == 400
    assert problem in payload["error"]
    assert harness.fetched == []


@pytest.mark.parametrize("url", GOOD_URLS)
def test_each_allowed_certificate_url_form_is_accepted(
    client: FlaskClient, harness: Harness, url: str
) -> None:
    check_cert_url(url)
    body = envelope()
    assert send(client, body, sign(body, harness.pki.leaf_key), url)[0] == 200
    assert harness.fetched == [url]


# -- the certificate ---------------------------------------------------------------------------


def test_an_expired_certificate_is_rejected(client: FlaskClient, harness: Harness) -> None:
    harness.served = harness.pki.chain(
        harness.pki.leaf(not_before=NOW - timedelta(days=60), not_after=NOW - timedelta(days=1))
    )
    body = envelope()
    status, payload = send(client, body, sign(body, harness.pki.leaf_key))
    assert status == 400
    assert payload["error"] == "signing certificate is expired or not yet valid"


def test_a_not_yet_valid_certificate_is_rejected(client: FlaskClient, harness: Harness) -> None:
    harness.served = harness.pki.chain(harness.pki.leaf(not_before=NOW + timedelta(days=1)))
    body = envelope()
    assert send(client, body, sign(body, harness.pki.leaf_key))[0] == 400


@pytest.mark.parametrize(
    "names",
    [("other.amazon.com",), ("*.amazon.com",), ("echo-api.amazon.com.evil.example",)],
)
def test_a_certificate_without_echo_api_amazon_com_is_rejected(
    client: FlaskClient, harness: Harness, names: tuple[str, ...]
) -> None:
    harness.served = harness.pki.chain(harness.pki.leaf(names=names))
    body = envelope()
    status, payload = send(client, body, sign(body, harness.pki.leaf_key))
    assert status == 400
    assert payload["error"] == "signing certificate is not issued to echo-api.amazon.com"


def test_a_chain_to_an_untrusted_root_is_rejected(harness: Harness, assistant: Assistant) -> None:
    harness.trust = [harness.pki.other_root]
    body = envelope()
    status, payload = send(make_client(harness, assistant), body, sign(body, harness.pki.leaf_key))
    assert status == 400
    assert payload["error"] == "signing certificate is not trusted"


def test_a_chain_missing_its_intermediate_is_rejected(
    client: FlaskClient, harness: Harness
) -> None:
    harness.served = harness.pki.leaf().public_bytes(serialization.Encoding.PEM)
    body = envelope()
    status, payload = send(client, body, sign(body, harness.pki.leaf_key))
    assert status == 400
    assert payload["error"] == "signing certificate is not trusted"


@pytest.mark.parametrize(
    ("served", "reason"),
    [
        (b"", "certificate chain is not valid PEM"),
        (b"garbage", "certificate chain is not valid PEM"),
    ],
)
def test_garbage_at_the_certificate_url_is_rejected(
    client: FlaskClient, harness: Harness, served: bytes, reason: str
) -> None:
    harness.served = served
    body = envelope()
    status, payload = send(client, body, sign(body, harness.pki.leaf_key))
    assert status == 400
    assert payload["error"] == reason


def test_a_failed_download_is_rejected(harness: Harness, assistant: Assistant) -> None:
    def unreachable(url: str) -> bytes:
        harness.fetched.append(url)
        raise OSError("network is unreachable")

    certificates = CertificateChainVerifier(
        Store(harness.trust), fetcher=unreachable, clock=harness.clock
    )
    verifier = RequestVerifier(
        skill_id=SKILL_ID,
        verify_signature=True,
        verify_timestamp=True,
        certificates=certificates,
        clock=harness.clock,
    )
    app = Flask(__name__)
    app.register_blueprint(create_blueprint(Settings(alexa_skill_id=SKILL_ID), assistant, verifier))
    body = envelope()
    status, payload = send(app.test_client(), body, sign(body, harness.pki.leaf_key))
    assert status == 400
    assert payload["error"] == "certificate chain could not be fetched"
    assert harness.fetched == [CERT_URL]


# -- timestamp and skill id --------------------------------------------------------------------


@pytest.mark.parametrize("offset", [timedelta(seconds=-151), timedelta(seconds=151)])
def test_a_stale_or_future_timestamp_is_rejected(
    client: FlaskClient, harness: Harness, offset: timedelta
) -> None:
    body = envelope(timestamp=NOW + offset)
    status, payload = send(client, body, sign(body, harness.pki.leaf_key))
    assert status == 400
    assert payload["error"] == "request timestamp is too old or in the future"


def test_a_timestamp_within_150_seconds_is_accepted(client: FlaskClient, harness: Harness) -> None:
    body = envelope(timestamp=NOW - timedelta(seconds=149))
    assert send(client, body, sign(body, harness.pki.leaf_key))[0] == 200


def test_a_wrong_skill_id_is_rejected_even_when_signed(
    client: FlaskClient, harness: Harness
) -> None:
    body = envelope(skill_id="amzn1.ask.skill.someone-else")
    status, payload = send(client, body, sign(body, harness.pki.leaf_key))
    assert status == 400
    assert payload["error"] == "application id does not match this skill"


def test_skill_events_may_be_an_hour_late() -> None:
    late = NOW - timedelta(minutes=59)
    event = {"request": {"type": "AlexaSkillEvent.SkillEnabled", "timestamp": late.isoformat()}}
    check_timestamp(event, NOW)
    intent = {"request": {"type": "IntentRequest", "timestamp": late.isoformat()}}
    with pytest.raises(VerificationError):
        check_timestamp(intent, NOW)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-06-01T12:00:00Z", NOW),
        ("2025-06-01T13:00:00+01:00", NOW),
        ("2025-06-01T12:00:00", NOW),
        (int(NOW.timestamp() * 1000), NOW),
    ],
)
def test_timestamp_forms(value: Any, expected: datetime) -> None:
    assert parse_timestamp(value) == expected


@pytest.mark.parametrize("value", [None, "", "yesterday", True, [1]])
def test_bad_timestamps_are_rejected(value: Any) -> None:
    with pytest.raises(VerificationError):
        parse_timestamp(value)


# -- settings ----------------------------------------------------------------------------------


def test_development_mode_checks_only_the_skill_id() -> None:
    verifier = RequestVerifier.from_settings(Settings(dev=True, alexa_skill_id=SKILL_ID))
    body = envelope(timestamp=NOW - timedelta(days=365))
    verifier.verify({}, body, json.loads(body))  # no signature, a year old: fine in dev
    other = envelope(skill_id="amzn1.ask.skill.someone-else")
    with pytest.raises(VerificationError):
        verifier.verify({}, other, json.loads(other))


def test_development_mode_without_a_skill_id_accepts_any() -> None:
    verifier = RequestVerifier.from_settings(Settings(dev=True))
    body = envelope(skill_id="amzn1.ask.skill.anyone")
    verifier.verify({}, body, json.loads(body))


def test_production_verifies_signatures_by_default() -> None:
    verifier = RequestVerifier.from_settings(Settings(alexa_skill_id=SKILL_ID))
    assert verifier.verify_signature and verifier.verify_timestamp
    body = envelope(timestamp=datetime.now(UTC))
    with pytest.raises(VerificationError, match="missing SignatureCertChainUrl"):
        verifier.verify({}, body, json.loads(body))


def test_ask_sdk_flags_turn_checks_off_in_production() -> None:
    settings = Settings.from_env(
        {
            "ALEXA_SKILL_ID": SKILL_ID,
            "ASK_SDK_VERIFY_SIGNATURE": "false",
            "ASK_SDK_VERIFY_TIMESTAMP": "false",
        }
    )
    verifier = RequestVerifier.from_settings(settings)
    body = envelope(timestamp=NOW - timedelta(days=365))
    verifier.verify({}, body, json.loads(body))


def test_signature_checking_needs_certificates() -> None:
    with pytest.raises(ValueError, match="CertificateChainVerifier"):
        RequestVerifier(skill_id=SKILL_ID, verify_signature=True, verify_timestamp=True)


# -- trust stores ------------------------------------------------------------------------------


def test_a_trust_store_loads_from_a_pem_bundle(tmp_path: Path, pki: Pki) -> None:
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(pki.root.public_bytes(serialization.Encoding.PEM) + b"\n# comment\n")
    store = load_trust_store(bundle)
    chain = CertificateChainVerifier(store, fetcher=lambda url: pki.chain(), clock=lambda: NOW)
    assert (
        chain.signing_key(CERT_URL).public_numbers() == pki.leaf_key.public_key().public_numbers()
    )


def test_a_bundle_without_certificates_is_an_error(tmp_path: Path) -> None:
    bundle = tmp_path / "empty.pem"
    bundle.write_text("nothing here\n")
    with pytest.raises(ValueError, match="no certificates"):
        load_trust_store(bundle)


def test_ssl_cert_file_chooses_the_default_bundle(
    tmp_path: Path, pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "corporate.pem"
    bundle.write_bytes(pki.root.public_bytes(serialization.Encoding.PEM))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    assert default_bundle_path() == bundle


def test_the_system_bundle_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    # What production uses by default; unreadable roots are skipped, not fatal.
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    path = default_bundle_path()
    assert path.is_file()
    load_trust_store(path)
