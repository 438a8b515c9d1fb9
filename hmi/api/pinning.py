"""Certificate pinning: trust the edge's TLS certificate by its SHA-256 fingerprint.

Why: a field edge serves a self-signed certificate (no public name, often no site CA), and
``oilfield edge cert`` prints its fingerprint. Giving the HMI that fingerprint (``--pin
sha256:3F:9A:...``) is simpler and stricter than copying the certificate file around: the HMI
then talks to that one certificate's holder and to nothing else.

How: an ``ssl.SSLContext`` that does no chain or hostname validation of its own but whose TLS
objects compare the peer certificate with the pin the moment the handshake completes, before a
single byte of HTTP (a password, a token) is sent. A mismatch fails the handshake with
``PinMismatchError``: fail closed, never "accept and warn". The handshake itself proves the
server holds the private key of the certificate it presented, so matching the certificate's
digest is enough. The hook is ``SSLContext.sslobject_class`` (asyncio and anyio, so httpx and
websockets) and ``sslsocket_class`` (blocking sockets), both documented override points.

Accepted pins: ``sha256:AB:CD:...`` or the bare fingerprint (64 hex digits, colons optional:
the certificate's SHA-256, what ``oilfield edge cert`` and browsers show), or
``sha256//<base64>`` (the public key's SHA-256, curl's ``--pinnedpubkey``; survives a renewed
certificate with the same key).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import ssl
from dataclasses import dataclass
from typing import Any

_HEX = re.compile(r"^(?:sha-?256:)?([0-9a-f]{2}(?::?[0-9a-f]{2}){31})$", re.IGNORECASE)
_SPKI = re.compile(r"^sha256//([A-Za-z0-9+/]{43}=)$")


@dataclass(frozen=True)
class Pin:
    """The SHA-256 of the certificate (``kind`` "cert") or of its public key ("spki")."""

    kind: str
    digest: bytes

    def __str__(self) -> str:
        if self.kind == "spki":
            return "sha256//" + base64.b64encode(self.digest).decode("ascii")
        return "sha256:" + fingerprint_text(self.digest)

    def matches(self, der: bytes) -> bool:
        return self.digest == (_spki_digest(der) if self.kind == "spki"
                               else hashlib.sha256(der).digest())


def fingerprint_text(digest: bytes) -> str:
    h = digest.hex().upper()
    return ":".join(h[i:i + 2] for i in range(0, len(h), 2))


def _spki_digest(der: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    key = x509.load_der_x509_certificate(der).public_key()
    return hashlib.sha256(key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)).digest()


class InvalidPin(ValueError):
    """The text is not a pin; the message is in English and Spanish."""


def parse_pin(text: str) -> Pin:
    """A pin from what the operator typed or pasted (see the module docstring)."""
    t = "".join(text.split())  # pasted fingerprints may wrap or carry spaces
    m = _HEX.fullmatch(t)
    if m:
        return Pin("cert", bytes.fromhex(m[1].replace(":", "")))
    m = _SPKI.fullmatch(t)
    if m:
        try:
            digest = base64.b64decode(m[1], validate=True)
        except binascii.Error:
            digest = b""
        if len(digest) == 32:
            return Pin("spki", digest)
    raise InvalidPin(
        "not a certificate pin: expected sha256:AB:CD:... (64 hex digits, from "
        "`oilfield edge cert`) or sha256//base64 / no es una huella de certificado: se espera "
        "sha256:AB:CD:... (64 dígitos hexadecimales, de `oilfield edge cert`) o sha256//base64")


class PinMismatchError(ssl.SSLCertVerificationError):
    """The server's certificate is not the pinned one: the connection was closed before
    anything was sent."""

    def __init__(self, expected: Pin, presented_sha256: str) -> None:
        self.expected = expected
        self.presented = presented_sha256  # "sha256:AB:..." of what the server showed
        self.message_en = (
            f"The edge's certificate is not the pinned one (expected {expected}, the server "
            f"presented {presented_sha256}). Nothing was sent. Check the address, or ask IT "
            f"whether the certificate was replaced (oilfield edge cert).")
        self.message_es = (
            f"El certificado del equipo de borde no es el fijado (se esperaba {expected}, el "
            f"servidor presentó {presented_sha256}). No se envió nada. Verifique la dirección "
            f"o consulte a sistemas si se reemplazó el certificado (oilfield edge cert).")
        super().__init__(f"{self.message_en} / {self.message_es}")


def check_peer(pin: Pin, der: bytes | None) -> None:
    """Raise ``PinMismatchError`` unless ``der`` (the peer's certificate) matches ``pin``."""
    if der is None:
        raise PinMismatchError(pin, "(no certificate / ningún certificado)")
    if not pin.matches(der):
        raise PinMismatchError(pin, "sha256:" + fingerprint_text(hashlib.sha256(der).digest()))


def pinned_context(pin: Pin | str) -> ssl.SSLContext:
    """A client context that accepts exactly the pinned certificate (TLS 1.2 or later)."""
    p = parse_pin(pin) if isinstance(pin, str) else pin

    class PinnedSSLObject(ssl.SSLObject):
        def do_handshake(self) -> None:
            super().do_handshake()  # raises SSLWantReadError until the handshake completes
            check_peer(p, self.getpeercert(binary_form=True))

    class PinnedSSLSocket(ssl.SSLSocket):
        def do_handshake(self, block: bool = False) -> None:
            super().do_handshake(block)
            check_peer(p, self.getpeercert(binary_form=True))

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False  # the pin names the one certificate: stricter than a name
    ctx.verify_mode = ssl.CERT_NONE  # no CA chain for a self-signed certificate: the pin is it
    ctx.sslobject_class = PinnedSSLObject
    ctx.sslsocket_class = PinnedSSLSocket
    return ctx


def pin_mismatch_in(exc: BaseException) -> PinMismatchError | None:
    """The ``PinMismatchError`` behind a transport error (httpx/httpcore/anyio wrap it)."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, PinMismatchError):
            return e
        stack.extend((e.__cause__, e.__context__, *[a for a in getattr(e, "args", ())
                                                    if isinstance(a, BaseException)]))
    return None
