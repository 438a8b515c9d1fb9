"""``oilfield demo`` lets the demo's operators write the demo field's setpoints (and nothing
else), once, audited like any grant: the HMI's setpoint dialog works in the demo."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import psycopg

from edge_server.auth import AuditFilter, AuthService, AuthSettings, Principal, Role
from edge_server.cli import demo_field
from edge_server.demo import _grant_demo_setpoints
from engine.config import load_field


def test_demo_grants_operators_the_setpoints(database_url: str, tmp_path: Path) -> None:
    field = load_field(demo_field())
    writable = sorted(t.name for t in field.tags() if t.writable)
    with AuthService(database_url, AuthSettings.load(tmp_path / "state", env={})) as auth:
        api = SimpleNamespace(auth=auth)
        _grant_demo_setpoints(api, field)  # type: ignore[arg-type]
        _grant_demo_setpoints(api, field)  # type: ignore[arg-type]  # a second run adds none
        admin = Principal(username="local:test", role=Role.ADMIN, user_id=None, via="local")
        grants = auth.tag_writes.list_grants(admin)
        assert {g.tag for g in grants} == {"*.ESP.FREQ_SP", "*.BM.SPM_SP", "*.BM.POC_SP",
                                           "*.GL.QINY_SP", "*.SEP.PRES_SP"}
        assert all(g.role is Role.OPERATOR and g.min_value is None and g.max_value is None
                   for g in grants)
        covered = sorted({n for g in grants for n in writable if g.matches(n)})
        assert covered == writable, "every setpoint, and only setpoints"
        assert "PLC-BAT1.SEP.PRES_SP" in covered and "W01.ESP.FREQ_SP" in covered
        changes = auth.audit.search(admin, AuditFilter(action="config_change")).entries
        assert len(changes) == 5 and {c.username for c in changes} == {"local:demo"}
        # The registry as the engine writes it at start: the policy then allows the writes.
        with psycopg.connect(database_url) as conn:
            conn.execute("INSERT INTO tags (name, data_type, eu_min, eu_max) VALUES "
                         "('W01.ESP.FREQ_SP', 'float32', 30, 70), "
                         "('W01.ESP.FREQ', 'float32', 0, 70)")
        operator = Principal(username="operador", role=Role.OPERATOR, user_id=None)
        assert auth.tag_writes.check(operator, "W01.ESP.FREQ_SP", 50).allowed
        assert auth.tag_writes.check(operator, "W01.ESP.FREQ", 50).reason == "no_grant"
