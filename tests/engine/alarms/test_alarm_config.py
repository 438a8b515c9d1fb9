"""Alarm definitions in the field file: parsing, defaults, comms alarms and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.alarms.definitions import AlarmKind, Comparison, Priority
from engine.config import ConfigError, load_field, load_field_config
from tests.engine.alarms.rig import field_yaml

GOOD = field_yaml("""\
- name: W01
  port: 15001
  comms_alarm_priority: critical
  tags:
  - name: W01.RUN
    address: 0
  - name: W01.LOAD
    address: 2
    alarms:
    - kind: lo
      priority: medium
      limit: 50
      deadband: 3
      on_delay_s: 10
      first_out_group: W01.TRIP
      suppress_when: {tag: W01.RUN, op: "==", value: 0}
      message: Baja carga
      consequence: Recalentamiento
      response: Verificar
    - name: W01.LOAD.HIGH
      kind: hi
      priority: low
      limit: 95
  - name: W01.Q
    address: 4
  - name: W01.Q_SP
    address: 6
    alarms:
    - {kind: frozen, priority: low, frozen_after_s: 600}
  - name: W01.Q2
    address: 8
    alarms:
    - {kind: deviation, priority: high, limit: 100, setpoint_tag: W01.Q_SP}
""")


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "field.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_alarms_parse_with_defaults_area_and_one_comms_alarm_per_device(tmp_path: Path) -> None:
    cfg = load_field_config(write(tmp_path, GOOD))
    by_name = {a.name: a for a in cfg.alarms}
    assert set(by_name) == {
        "W01.LOAD.LO", "W01.LOAD.HIGH", "W01.Q_SP.FROZEN", "W01.Q2.DEVIATION", "W01.COMMS",
    }
    lo = by_name["W01.LOAD.LO"]
    assert lo.kind is AlarmKind.LO and lo.priority is Priority.MEDIUM
    assert (lo.limit, lo.deadband, lo.on_delay_s) == (50, 3, 10)
    assert lo.area == "Campo/PAD-A/W01"
    assert lo.suppress_when is not None and lo.suppress_when.op is Comparison.EQ
    assert lo.first_out_group == "W01.TRIP" and lo.message == "Baja carga"
    comms = by_name["W01.COMMS"]
    assert comms.kind is AlarmKind.BAD_QUALITY and comms.tag == "W01"
    assert comms.priority is Priority.CRITICAL
    assert load_field(write(tmp_path, GOOD)).name == "Campo"


@pytest.mark.parametrize(
    ("old", "new", "line_text", "field_tail", "words"),
    [
        # domain ValueError: a deviation alarm without setpoint tag
        ("setpoint_tag: W01.Q_SP}", "}", "kind: deviation", ("alarms", 0, "setpoint_tag"),
         "setpoint_tag"),
        # reference to a tag that does not exist
        ("setpoint_tag: W01.Q_SP}", "setpoint_tag: W01.NOPE}", "kind: deviation",
         ("alarms", 0, "setpoint_tag"), "not a tag"),
        ("{tag: W01.RUN,", "{tag: W01.GONE,", "suppress_when", ("suppress_when", "tag"),
         "not a tag"),
        # schema errors: unknown priority, unknown key
        ("priority: low", "priority: urgent", "priority: urgent", ("priority",), "critical"),
        ("limit: 95", "limit: 95\n        limt: 3", "limt", ("limt",), "unknown key"),
        # domain: a frozen alarm with a limit
        ("frozen_after_s: 600}", "frozen_after_s: 600, limit: 3}", "kind: frozen",
         ("alarms", 0, "limit"), "takes no limit"),
    ],
)
def test_alarm_errors_are_located(
    tmp_path: Path, old: str, new: str, line_text: str, field_tail: tuple, words: str
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    with pytest.raises(ConfigError) as info:
        load_field_config(write(tmp_path, text))
    err = info.value
    assert words in err.message
    assert err.line is not None and line_text in text.splitlines()[err.line - 1]
    assert err.field[: 4] == ("sites", 0, "devices", 0)
    assert err.field[-len(field_tail):] == field_tail


def test_duplicate_alarm_names_are_located(tmp_path: Path) -> None:
    text = GOOD.replace("name: W01.LOAD.HIGH", "name: W01.LOAD.LO")
    with pytest.raises(ConfigError, match="duplicate alarm name") as info:
        load_field_config(write(tmp_path, text))
    assert info.value.line is not None


def test_generated_fields_load_with_alarms_in_both_rtu_layouts(tmp_path: Path) -> None:
    from plugins.simulator.generator import dump_yaml, generate_field

    counts = {}
    for layout in ("well", "pad"):
        cfg = load_field_config(write(tmp_path, dump_yaml(generate_field(30, seed=4,
                                                                          rtu_per=layout))))
        tag_alarms = sorted(a.name for a in cfg.alarms if a.kind is not AlarmKind.BAD_QUALITY)
        counts[layout] = tag_alarms
        esp_run = [a for a in cfg.alarms if a.name.endswith(".ESP.RUN.DISCRETE")]
        assert esp_run and all(a.priority is Priority.HIGH for a in esp_run)
        assert all(a.first_out_group == a.name.split(".")[0] + ".TRIP" for a in esp_run)
    assert counts["well"] == counts["pad"]  # same wells, same alarms, only the RTUs differ
