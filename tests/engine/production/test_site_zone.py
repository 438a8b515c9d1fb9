"""The site's time zone and the production settings in edge.yaml."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from engine.config import ConfigError, load_settings
from engine.config.settings import machine_zone

FIELD = "field: F\nsites: []\n"


def settings_file(tmp_path: Path, extra: str) -> Path:
    (tmp_path / "field.yaml").write_text(FIELD, encoding="utf-8")
    cfg = tmp_path / "edge.yaml"
    cfg.write_text(f"site_name: X\nfield: field.yaml\n{extra}", encoding="utf-8")
    return cfg


def test_an_explicit_zone_and_production_settings(tmp_path: Path) -> None:
    s = load_settings(settings_file(
        tmp_path, "timezone: America/Argentina/Buenos_Aires\n"
                  "production: {interval_s: 60, catchup_days: 30}\n"))
    assert s.zone == ZoneInfo("America/Argentina/Buenos_Aires")
    assert (s.production.enabled, s.production.interval_s, s.production.catchup_days) == (
        True, 60, 30)


@pytest.mark.parametrize(("extra", "line", "text"), [
    ("timezone: America/Springfield\n", 3, "unknown time zone 'America/Springfield'"),
    ("production: {catchup_days: 0}\n", 3, "catchup_days"),
    ("production: {interval_s: 1}\n", 3, "interval_s"),
    ("production: {catchup: 3}\n", 3, "catchup"),
])
def test_bad_values_name_the_line(tmp_path: Path, extra: str, line: int, text: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(settings_file(tmp_path, extra))
    assert info.value.line == line and text in str(info.value)


def test_without_a_zone_the_machines_zone_with_its_rules(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    zone = load_settings(settings_file(tmp_path, "")).zone
    winter = datetime(2026, 1, 15, 12, tzinfo=UTC).astimezone(zone).utcoffset()
    summer = datetime(2026, 7, 15, 12, tzinfo=UTC).astimezone(zone).utcoffset()
    assert winter != summer, "a zone with daylight saving, not a fixed offset"
    monkeypatch.delenv("TZ")
    assert machine_zone().utcoffset(datetime(2026, 1, 1)) is not None
