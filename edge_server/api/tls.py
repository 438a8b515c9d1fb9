"""TLS for the API: a self-signed certificate made at first start, or the site's own files.

Why self-signed by default: a field box has no public name for a public CA and often no site
CA; TLS still protects passwords and tokens on the wire as long as clients *pin* the
certificate, so its SHA-256 fingerprint is logged at every start and printed by
``oilfield edge cert``. The certificate is kept (not regenerated) so pins stay valid; delete
the two files to rotate. The key is EC P-256, written 0600 in a 0700 directory.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import ipaddress
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from engine.config.settings import TlsSettings

CERT_NAME, KEY_NAME = "api-cert.pem", "api-key.pem"
VALIDITY = dt.timedelta(days=3650)  # pinned, not CA-validated: expiry would only break pins


@dataclass(frozen=True)
class TlsFiles:
    cert: Path
    key: Path
    fingerprint_sha256: str  # of the DER certificate, AA:BB:...: what browsers/openssl show
    spki_pin: str  # sha256// + base64 of the public key hash: curl --pinnedpubkey


def fingerprints(cert_pem: bytes) -> tuple[str, str]:
    cert = x509.load_pem_x509_certificate(cert_pem)
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    pin = "sha256//" + base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2)), pin


def _san(names: list[str]) -> x509.SubjectAlternativeName:
    entries: list[x509.GeneralName] = []
    seen: set[str] = set()
    for name in [socket.gethostname(), "localhost", "127.0.0.1", *names]:
        if not name or name in seen:
            continue
        seen.add(name)
        try:
            entries.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            entries.append(x509.DNSName(name))
    return x509.SubjectAlternativeName(entries)


def generate_self_signed(directory: Path, names: list[str]) -> None:
    """Write a new key (0600) and certificate into ``directory`` (0700)."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, socket.gethostname()[:64] or "oilfield-edge"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "oilfield edge (self-signed)"),
    ])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + VALIDITY)
        .add_extension(_san(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM,
                                serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    key_path = directory / KEY_NAME
    tmp = directory / f".{KEY_NAME}.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key_pem)
    os.replace(tmp, key_path)
    (directory / CERT_NAME).write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def ensure_tls(settings: TlsSettings, tls_dir: Path) -> TlsFiles | None:
    """The certificate and key to serve with (generated if self-signed and missing), or None
    for ``mode: off``. Raises ``TlsError`` on a missing file or an unsafe key."""
    if settings.mode == "off":
        return None
    if settings.mode == "files":
        assert settings.cert_file is not None and settings.key_file is not None
        cert, key = settings.cert_file, settings.key_file
    else:
        cert, key = tls_dir / CERT_NAME, tls_dir / KEY_NAME
        if not (cert.exists() and key.exists()):
            generate_self_signed(tls_dir, list(settings.names))
    for path in (cert, key):
        if not path.is_file():
            raise TlsError(f"TLS file {path} does not exist")
    if os.stat(key).st_mode & 0o077:
        raise TlsError(f"{key} is readable by others: chmod 600 it")
    try:
        fp, pin = fingerprints(cert.read_bytes())
    except ValueError as exc:
        raise TlsError(f"{cert} is not a PEM certificate: {exc}") from None
    return TlsFiles(cert, key, fp, pin)


class TlsError(RuntimeError):
    """TLS cannot be set up as configured (the API must not fall back to plaintext)."""


def describe(files: TlsFiles) -> str:
    return (f"certificate {files.cert}\n  SHA-256 fingerprint: {files.fingerprint_sha256}\n"
            f"  public key pin (curl --pinnedpubkey): {files.spki_pin}\n"
            f"  HMI: python -m hmi --server https://HOST:PORT "
            f"--pin sha256:{files.fingerprint_sha256}")
