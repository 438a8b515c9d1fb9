"""TLS (self-signed generation, pinning, the CLI) and the API served by uvicorn inside the edge
process: started after the engine's registries, stopped before the engine flushes."""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import stat
from pathlib import Path

import httpx
import pytest
from cryptography import x509

from edge_server.api.server import ApiServer
from edge_server.api.tls import TlsError, ensure_tls
from edge_server.app import run_engine_and_api
from edge_server.cli import main as cli_main
from engine.config import load_field, load_settings
from engine.config.settings import TlsSettings
from engine.lvc import LastValueCache
from engine.runtime import EdgeEngine
from plugins.simulator import FieldSimulator
from tests._ports import free_port
from tests.edge_server.api.conftest import Pieces, wait_for, write_site


def test_self_signed_certificate_is_generated_once_with_safe_permissions(tmp_path: Path) -> None:
    tls_dir = tmp_path / "state" / "tls"
    settings = TlsSettings(mode="self-signed", names=["edge-01.campo.local", "10.1.2.3"])
    files = ensure_tls(settings, tls_dir)
    assert files is not None
    assert stat.S_IMODE(os.stat(files.key).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tls_dir).st_mode) == 0o700
    cert = x509.load_pem_x509_certificate(files.cert.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    names = {str(n) for n in san.get_values_for_type(x509.DNSName)}
    ips = {str(i) for i in san.get_values_for_type(x509.IPAddress)}
    assert {"localhost", socket.gethostname(), "edge-01.campo.local"} <= names
    assert {"127.0.0.1", "10.1.2.3"} <= ips
    assert len(files.fingerprint_sha256.split(":")) == 32 and files.spki_pin.startswith("sha256//")
    again = ensure_tls(settings, tls_dir)
    assert again is not None and again.fingerprint_sha256 == files.fingerprint_sha256


def test_unusable_tls_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TlsError, match="does not exist"):
        ensure_tls(TlsSettings(mode="files", cert_file=tmp_path / "c.pem",
                               key_file=tmp_path / "k.pem"), tmp_path)
    files = ensure_tls(TlsSettings(mode="self-signed"), tmp_path / "tls")
    assert files is not None
    os.chmod(files.key, 0o644)
    with pytest.raises(TlsError, match="readable by others"):
        ensure_tls(TlsSettings(mode="files", cert_file=files.cert, key_file=files.key), tmp_path)
    assert ensure_tls(TlsSettings(mode="off"), tmp_path) is None


def test_cli_prints_the_fingerprint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site(tmp_path)
    config.write_text(config.read_text().replace("tls: {mode: 'off'}", "tls: {mode: self-signed}"))
    assert cli_main(["edge", "cert", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    files = ensure_tls(load_settings(config).api.tls, tmp_path / "state" / "tls")
    assert files is not None and files.fingerprint_sha256 in out and files.spki_pin in out


async def test_uvicorn_serves_tls_that_a_pinned_client_accepts(
    tmp_path: Path, database_url: str
) -> None:
    config = write_site(tmp_path)
    port = free_port()
    config.write_text(config.read_text().replace(
        "api: {host: 127.0.0.1, tls: {mode: 'off'}}",
        f"api: {{host: 127.0.0.1, port: {port}, tls: {{mode: self-signed}}}}"))
    settings = load_settings(config)
    engine = Pieces(load_field(settings.field_path), LastValueCache())
    api = ApiServer(settings, engine, database_url, "9.9.9-test")  # type: ignore[arg-type]
    assert api.tls is not None
    task = asyncio.create_task(api.serve())
    try:
        await wait_for(lambda: api.started, 10, "uvicorn")
        pinned = ssl.create_default_context(cafile=str(api.tls.cert))  # trust only this cert
        async with httpx.AsyncClient(verify=pinned) as client:
            r = await client.get(f"https://127.0.0.1:{port}/api/health")
        assert r.status_code == 200 and r.json()["version"] == "9.9.9-test"
        assert r.headers["strict-transport-security"].startswith("max-age=")
        with pytest.raises(httpx.ConnectError):  # an unpinned client refuses it
            async with httpx.AsyncClient() as client:
                await client.get(f"https://127.0.0.1:{port}/api/health")
    finally:
        api.stop()
        assert await asyncio.wait_for(task, 15) is True
        api.close()


async def test_edge_process_serves_after_start_and_stops_the_api_first(
    tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    config = write_site(tmp_path)
    port = free_port()
    config.write_text(config.read_text().replace("host: 127.0.0.1,",
                                                 f"host: 127.0.0.1, port: {port},"))
    settings = load_settings(config)
    fld = load_field(settings.field_path)
    engine = EdgeEngine(settings, fld, database_url, "9.9.9-test")
    api = ApiServer(settings, engine, database_url, engine.version)
    served: list[str] = []
    stop = asyncio.Event()
    async with FieldSimulator(fld, seed=7, step_s=0.2):
        task = asyncio.create_task(run_engine_and_api(engine, api, stop, served.append))
        await wait_for(lambda: served, 20, "the API to serve")
        assert engine.scanner is not None, "the API starts only once the registries are ready"
        async with httpx.AsyncClient() as client:
            r = await client.get(f"{served[0]}/health")
        assert r.status_code == 200 and r.json()["version"] == "9.9.9-test"
        stop.set()
        await asyncio.wait_for(task, 60)
    messages = [rec.getMessage() for rec in caplog.records]
    api_done = next(i for i, m in enumerate(messages) if "Finished server process" in m)
    engine_stop = next(i for i, m in enumerate(messages) if m.startswith("stopping: scanner"))
    assert api_done < engine_stop, "the API stops before the engine flushes"
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
