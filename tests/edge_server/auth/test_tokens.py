"""Access-token verification refuses every forgery and malformation, and only with AuthError."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from edge_server.auth import AuthError, AuthErrorKind, Role
from edge_server.auth.tokens import TokenCodec

SECRET = bytes(range(32))
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


def codec(now: datetime = NOW, secret: bytes = SECRET, **kw: str) -> TokenCodec:
    return TokenCodec(secret, issuer=kw.get("issuer", "oilfield-edge"),
                      audience=kw.get("audience", "oilfield-api"),
                      ttl=timedelta(minutes=10), clock=lambda: now)


def issue(c: TokenCodec) -> str:
    return c.issue(username="jperez", user_id=7, role=Role.OPERATOR, session_id=uuid.uuid4())[0]


def claims() -> dict[str, object]:
    return {"sub": "jperez", "uid": 7, "role": "admin", "sid": str(uuid.uuid4()),
            "iat": int(NOW.timestamp()), "exp": int(NOW.timestamp()) + 600, "jti": "j",
            "iss": "oilfield-edge", "aud": "oilfield-api"}


def refused(token: str, kind: AuthErrorKind = AuthErrorKind.INVALID_TOKEN) -> None:
    with pytest.raises(AuthError) as info:
        codec().verify(token)
    assert info.value.kind is kind


def test_round_trip() -> None:
    parsed = codec().verify(issue(codec()))
    assert (parsed.sub, parsed.role, parsed.uid) == ("jperez", Role.OPERATOR, 7)
    assert parsed.expires_at - parsed.issued_at == timedelta(minutes=10)


def test_tampered_payload_or_signature_is_refused() -> None:
    header, payload, sig = issue(codec()).split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=="))
    body["role"] = "admin"
    forged = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    refused(f"{header}.{forged}.{sig}")
    refused(f"{header}.{payload}.{sig[:-2]}{'AA' if not sig.endswith('AA') else 'BB'}")


def test_other_secret_is_refused() -> None:
    refused(issue(codec(secret=b"\x01" * 32)))


def test_expired_is_refused_as_expired() -> None:
    token = issue(codec(now=NOW - timedelta(minutes=11)))
    refused(token, AuthErrorKind.TOKEN_EXPIRED)
    assert codec(now=NOW - timedelta(minutes=9, seconds=59)).verify(token)


def test_wrong_issuer_or_audience_is_refused() -> None:
    refused(issue(codec(issuer="someone-else")))
    refused(issue(codec(audience="cloud-api")))


def test_alg_none_is_refused() -> None:
    unsigned = jwt.encode(claims(), None, algorithm="none")  # type: ignore[arg-type]
    refused(unsigned)
    refused(unsigned + "c2ln")


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_hs512_with_the_right_secret_is_refused() -> None:
    refused(jwt.encode(claims(), SECRET, algorithm="HS512"))
    refused(jwt.encode(claims(), SECRET, algorithm="HS384"))


def test_rs256_forgery_is_refused() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    refused(jwt.encode(claims(), key, algorithm="RS256"))
    # "key confusion": sign HS256 with the public key's PEM as the secret
    pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    refused(_hs256_by_hand(claims(), pem))


def _hs256_by_hand(body: dict[str, object], key: bytes) -> str:
    """PyJWT will not sign with a PEM as HMAC key; an attacker's own tool would."""

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = json.dumps({"alg": "HS256", "typ": "JWT"}).encode()
    signing_input = f"{b64(header)}.{b64(json.dumps(body).encode())}"
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


def test_hand_signed_token_with_the_real_secret_is_accepted() -> None:
    """Control for the test above: the hand-made token is refused for its key, not its form."""
    assert codec().verify(_hs256_by_hand(claims(), SECRET)).sub == "jperez"


@pytest.mark.parametrize("missing", ["sub", "uid", "role", "sid", "iat", "exp", "jti", "iss",
                                     "aud"])
def test_missing_claim_is_refused(missing: str) -> None:
    body = claims()
    del body[missing]
    refused(jwt.encode(body, SECRET, algorithm="HS256"))


@pytest.mark.parametrize(("claim", "value"), [
    ("role", "root"), ("sid", "not-a-uuid"), ("uid", "7"), ("exp", "soon"), ("sub", 5),
    ("iat", int(NOW.timestamp()) + 3600),
])
def test_bad_claim_values_are_refused(claim: str, value: object) -> None:
    body = claims()
    body[claim] = value
    refused(jwt.encode(body, SECRET, algorithm="HS256"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(max_size=600),
    st.binary(max_size=300).map(lambda b: base64.urlsafe_b64encode(b).decode()),
    st.lists(st.text(alphabet="ABCDEFGHIJabcdefghij0123456789-_=", max_size=80),
             min_size=3, max_size=3).map(".".join),
    st.none(), st.integers(), st.binary(max_size=50),
))
def test_any_garbage_token_raises_only_auth_error(garbage: object) -> None:
    with pytest.raises(AuthError) as info:
        codec().verify(garbage)
    assert info.value.kind is AuthErrorKind.INVALID_TOKEN
