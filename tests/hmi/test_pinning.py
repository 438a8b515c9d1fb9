"""Certificate pinning in the HMI's client, against the real TLS edge API (uvicorn inside the
edge process, self-signed certificate, as in tests/edge_server/api/test_tls_server.py): the
right pin connects, any other certificate is refused before anything is sent."""

from __future__ import annotations

import asyncio
import hashlib
import socket
import ssl
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import psycopg
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from edge_server.api.server import ApiServer
from edge_server.api.tls import generate_self_signed
from edge_server.auth import Role
from engine.config import load_field, load_settings
from engine.lvc import LastValueCache
from hmi.api.client import ApiClient, ConnectionState
from hmi.api.errors import CertificateRejected
from hmi.api.pinning import InvalidPin, Pin, PinMismatchError, parse_pin, pinned_context
from tests._ports import free_port
from tests.edge_server.api.conftest import (
    CONSOLE,
    LOCAL_ADMIN,
    PASSWORD,
    Pieces,
    wait_for,
    write_site,
)

FP = "3F:9A:" + ":".join(["00"] * 29) + ":C2"


def test_pin_formats() -> None:
    digest = bytes.fromhex(FP.replace(":", ""))
    for text in (f"sha256:{FP}", FP, FP.lower(), FP.replace(":", ""), f"SHA256:{FP}",
                 f"  sha256:{FP[:40]}\n{FP[40:]} "):
        pin = parse_pin(text)
        assert (pin.kind, pin.digest) == ("cert", digest), text
        assert str(pin) == f"sha256:{FP}"
    spki = parse_pin("sha256//" + "q" * 42 + "o=")
    assert spki.kind == "spki" and len(spki.digest) == 32
    assert parse_pin(str(spki)) == spki
    for bad in ("", "sha256:3F:9A", "sha1:" + FP, FP + ":00", "md5//abc=", "sha256//" + "q" * 20):
        with pytest.raises(InvalidPin) as info:
            parse_pin(bad)
        assert "oilfield edge cert" in str(info.value) and "huella" in str(info.value)


def test_a_pin_needs_https() -> None:
    with pytest.raises(ValueError, match="https"):
        ApiClient("http://127.0.0.1:8080", pin=f"sha256:{FP}")
    with pytest.raises(InvalidPin):
        ApiClient("https://127.0.0.1:8080", pin="sha256:nope")


class Edge:
    def __init__(self, api: ApiServer, url: str, database_url: str) -> None:
        self.api, self.url, self.database_url = api, url, database_url
        assert api.tls is not None
        self.fingerprint = api.tls.fingerprint_sha256
        self.spki_pin = api.tls.spki_pin
        self.port = int(url.rsplit(":", 1)[1])

    def logins(self) -> int:
        with psycopg.connect(self.database_url) as conn:
            row = conn.execute("SELECT count(*) FROM audit_log WHERE action IN "
                               "('login', 'login_failed')").fetchone()
        assert row is not None
        return int(row[0])


@pytest.fixture
async def edge(tmp_path: Path, database_url: str) -> AsyncIterator[Edge]:
    config = write_site(tmp_path)
    port = free_port()
    config.write_text(config.read_text().replace(
        "api: {host: 127.0.0.1, tls: {mode: 'off'}}",
        f"api: {{host: 127.0.0.1, port: {port}, tls: {{mode: self-signed}}}}"))
    settings = load_settings(config)
    engine = Pieces(load_field(settings.field_path), LastValueCache())
    api = ApiServer(settings, engine, database_url, "9.9.9-test")
    api.auth.users.create_user(LOCAL_ADMIN, "operador", Role.OPERATOR, CONSOLE,
                               password=PASSWORD, must_change_password=False)
    task = asyncio.create_task(api.serve())
    try:
        await wait_for(lambda: api.started, 10, "uvicorn")
        yield Edge(api, f"https://127.0.0.1:{port}", database_url)
    finally:
        api.stop()
        await asyncio.wait_for(task, 15)
        api.close()


async def test_the_right_pin_connects(edge: Edge) -> None:
    for pin in (f"sha256:{edge.fingerprint}", edge.fingerprint.replace(":", "").lower(),
                edge.spki_pin):
        client = ApiClient(edge.url, pin=pin)
        try:
            assert (await client.health()).version == "9.9.9-test"
            me = await client.login("operador", PASSWORD)
            assert me.username == "operador" and client.state is ConnectionState.CONNECTED
            await client.logout()
        finally:
            await client.close()
    assert edge.logins() == 3


async def test_a_wrong_pin_is_refused_before_anything_is_sent(
    edge: Edge, tmp_path: Path
) -> None:
    # Another edge's certificate (e.g. a box in between presenting its own): same name, same
    # kind of key, another fingerprint.
    generate_self_signed(tmp_path / "other", [])
    other = x509.load_pem_x509_certificate((tmp_path / "other" / "api-cert.pem").read_bytes())
    wrong_cert = other.fingerprint(hashes.SHA256()).hex()
    spki = other.public_key().public_bytes(serialization.Encoding.DER,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    wrong_key = str(Pin("spki", hashlib.sha256(spki).digest()))
    for pin in (wrong_cert, wrong_key):
        client = ApiClient(edge.url, pin=pin)
        try:
            with pytest.raises(CertificateRejected) as info:
                await client.login("operador", PASSWORD)
            assert info.value.presented == f"sha256:{edge.fingerprint}"
            assert "No se envió nada" in info.value.text("es")
            assert "Nothing was sent" in info.value.text("en")
            assert client.state is ConnectionState.DISCONNECTED and client.user is None
            with pytest.raises(CertificateRejected):
                await client.health()
        finally:
            await client.close()
    assert edge.logins() == 0, "the password never reached the edge"


def test_blocking_sockets_are_pinned_too(edge_sync: tuple[int, str]) -> None:
    port, fingerprint = edge_sync
    good = pinned_context(f"sha256:{fingerprint}")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
            good.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        assert tls.version() in ("TLSv1.2", "TLSv1.3")
    bad = pinned_context(f"sha256:{FP}")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw, \
            pytest.raises(PinMismatchError):
        bad.wrap_socket(raw, server_hostname="127.0.0.1")


@pytest.fixture
def edge_sync(tmp_path: Path) -> Iterator[tuple[int, str]]:
    """A bare TLS listener with an edge certificate, in a thread (for blocking sockets)."""
    import threading

    from edge_server.api.tls import fingerprints

    generate_self_signed(tmp_path / "tls", [])
    cert, key = tmp_path / "tls" / "api-cert.pem", tmp_path / "tls" / "api-key.pem"
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            try:
                with server_ctx.wrap_socket(conn, server_side=True):
                    pass
            except (ssl.SSLError, OSError):
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield port, fingerprints(cert.read_bytes())[0]
    finally:
        stop.set()
        thread.join(5)
        listener.close()
