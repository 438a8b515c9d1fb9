"""The ``oilfield`` command as IT meets it: config checks, clear errors, status exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from edge_server.cli import demo_config, main

FIELD = """\
field: Campo CLI
scan_classes: {fast: 1.0}
sites:
  - name: PAD-A
    devices:
      - name: W01
        port: 15001
        tags:
          - {name: W01.FREQ, address: 0, type: float32, scan_class: fast}
"""


def test_config_check_accepts_the_demo_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "check", str(demo_config())]) == 0
    out = capsys.readouterr().out
    assert "edge settings OK" in out and "tags" in out


def test_config_check_reports_file_line_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "field.yaml"
    bad.write_text(FIELD.replace("port: 15001", "port: -3"), encoding="utf-8")
    assert main(["config", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:7: sites[0].devices[0].port:" in err


def test_edge_refuses_to_start_on_a_broken_field(tmp_path: Path) -> None:
    """The real process: exit status 2, one clear line, and it does not start half configured."""
    (tmp_path / "field.yaml").write_text(FIELD.replace("float32", "float31"), encoding="utf-8")
    cfg = tmp_path / "edge.yaml"
    cfg.write_text(f"field: field.yaml\nstate_dir: {tmp_path / 'state'}\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "edge_server.cli", "edge", "--config", str(cfg)],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "OILFIELD_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"},
    )
    assert proc.returncode == 2, proc.stderr
    assert f"{tmp_path / 'field.yaml'}:9: sites[0].devices[0].tags[0].type:" in proc.stderr
    assert not (tmp_path / "state").exists()  # nothing was started


def test_edge_status_without_a_running_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "field.yaml").write_text(FIELD, encoding="utf-8")
    cfg = tmp_path / "edge.yaml"
    cfg.write_text("field: field.yaml\nstate_dir: state\n", encoding="utf-8")
    assert main(["edge", "status", "--config", str(cfg)]) == 3
    assert "has not run" in capsys.readouterr().out

    state = tmp_path / "state"
    state.mkdir()
    report = {
        "status": "degraded", "version": "0.1.0", "site": "X", "database": "connected",
        "uptime_seconds": 4000, "historian": {"written_rows": 1234},
        "devices": {"W01": {"state": "connected"}, "W02": {"state": "down", "last_ok": None,
                                                           "consecutive_failures": 7}},
    }
    health = state / "health.json"
    health.write_text(json.dumps(report), encoding="utf-8")
    assert main(["edge", "status", "--config", str(cfg)]) == 1
    out = capsys.readouterr().out
    assert "DEGRADED" in out and "1 of 2 connected" in out and "W02" in out and "1,234" in out

    old = time.time() - 60  # an old report means the engine died: never shown as its old status
    os.utime(health, (old, old))
    assert main(["edge", "status", "--config", str(cfg)]) == 2
    assert "not running" in capsys.readouterr().out
