"""A real alarm engine on a real (per-test) PostgreSQL, fed readings by hand."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
from psycopg.rows import dict_row

from domain.tags import Quality
from engine.alarms.engine import AlarmEngine
from engine.alarms.journal import AlarmJournal, load_snapshots
from engine.alarms.registry import sync_alarm_registry
from engine.config import load_field_config
from engine.store.registry import sync_registry

T0 = 1_800_000_000.0

HEAD = """\
field: Campo
scan_classes: {normal: 1.0}
sites:
- name: PAD-A
  devices:
"""


def field_yaml(devices: str) -> str:
    """A field file with the given (indented as under ``devices:``) device entries."""
    return HEAD + textwrap.indent(textwrap.dedent(devices), "  ")


class Clock:
    def __init__(self, t: float = T0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


class Rig:
    def __init__(self, url: str, tmp_path: Path, yaml_text: str) -> None:
        path = tmp_path / "field.yaml"
        path.write_text(yaml_text, encoding="utf-8")
        self.url = url
        self.config = load_field_config(path)
        self.tag_ids = sync_registry(url, self.config.field)
        self.alarm_ids = sync_alarm_registry(url, self.config.alarms, self.tag_ids)
        self.clock = Clock()
        self.journal = AlarmJournal(url)
        self.journal.start()
        self.engine = self.new_engine()

    def new_engine(self) -> AlarmEngine:
        devices = {d.name: [t.name for t in d.tags] for d in self.config.field.devices()}
        return AlarmEngine(
            self.config.alarms, self.alarm_ids, self.tag_ids, self.journal,
            devices=devices, clock=self.clock,
        )

    def restart(self) -> AlarmEngine:
        """A new engine (as after a process restart) restored from the database."""
        assert self.journal.flush()
        self.engine = self.new_engine()
        self.engine.restore(load_snapshots(self.url))
        return self.engine

    def feed(self, ts: float, values: dict[str, float | tuple[float, Quality]]) -> None:
        names = list(values)
        ids = np.array([self.tag_ids[n] for n in names], dtype=np.int64)
        vals, qs = [], []
        for n in names:
            v = values[n]
            value, q = v if isinstance(v, tuple) else (v, Quality.GOOD)
            vals.append(value)
            qs.append(int(q))
        self.clock.t = max(self.clock.t, ts)
        self.engine.on_readings(ids, ts, np.array(vals), np.array(qs, dtype=np.int16))

    def rows(self, alarm: str | None = None) -> list[dict[str, Any]]:
        assert self.journal.flush(), self.journal.stats()
        sql = (
            "SELECT d.name AS alarm, extract(epoch FROM j.ts)::float8 AS t, j.* "
            "FROM alarm_journal j JOIN alarm_definitions d ON d.id = j.alarm_id "
        )
        args: tuple[Any, ...] = ()
        if alarm is not None:
            sql += "WHERE d.name = %s "
            args = (alarm,)
        with psycopg.connect(self.url, row_factory=dict_row) as conn:
            return conn.execute(sql + "ORDER BY j.id", args).fetchall()

    def events(self, alarm: str | None = None) -> list[tuple[str, str, str]]:
        return [(r["event"], r["old_state"], r["new_state"]) for r in self.rows(alarm)]

    def close(self) -> None:
        self.journal.stop(5.0)
