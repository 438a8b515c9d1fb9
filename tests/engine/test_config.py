"""A broken config names file, line and field; a good one builds the whole field."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.tags import ByteOrder, DataType, WordOrder
from engine.config import ConfigError, load_field, load_settings

GOOD = """\
field: Campo Prueba
scan_classes: {fast: 1.0, slow: 10}
sites:
  - name: PAD-A
    devices:
      - name: W01
        model: esp_well
        port: 15001
        tags:
          - name: W01.FREQ
            address: 0
            type: float32
            units: Hz
            scan_class: fast
            deadband: 0.1
          - name: W01.STARTS
            address: 2
            type: uint32
            word_order: little
            byte_order: little
            scan_class: slow
      - name: W02
        port: 15002
        tags:
          - {name: W02.THP, address: 10, type: int16, gain: 0.1, scan_class: fast}
"""


def write(tmp_path: Path, text: str, name: str = "field.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_field_builds_domain_model(tmp_path: Path) -> None:
    field = load_field(write(tmp_path, GOOD))
    assert field.name == "Campo Prueba"
    assert field.scan_classes == {"fast": 1.0, "slow": 10.0}
    tags = {t.name: t for t in field.tags()}
    assert set(tags) == {"W01.FREQ", "W01.STARTS", "W02.THP"}
    starts = tags["W01.STARTS"]
    assert (starts.data_type, starts.word_order, starts.byte_order) == (
        DataType.UINT32,
        WordOrder.LITTLE,
        ByteOrder.LITTLE,
    )
    assert starts.device == "W01" and field.device("W01").site == "PAD-A"
    assert tags["W02.THP"].to_engineering(1234) == pytest.approx(123.4)


@pytest.mark.parametrize(
    ("old", "new", "line", "field_path", "words"),
    [
        ("type: float32\n            units", "type: float33\n            units", 12,
         "sites[0].devices[0].tags[0].type", "float32"),
        ("deadband: 0.1", "deadbnd: 0.1", 15, "sites[0].devices[0].tags[0].deadbnd", "unknown key"),
        ("port: 15002", "port: 70000", 23, "sites[0].devices[1].port", "65535"),
        ("scan_class: slow", "scan_class: medium", 21, "sites[0].devices[0].tags[1].scan_class",
         "scan class"),
        ("name: W02.THP", "name: W01.FREQ", 25, "sites[0].devices[1].tags[0].name", "duplicate"),
        ("port: 15002", "port: 15001", 23, "sites[0].devices[1].port", "same host"),
        ("address: 10, type: int16", "address: 65535, type: float64", 25,
         "sites[0].devices[1].tags[0]", "past register"),
        ("gain: 0.1", "gain: 0", 25, "sites[0].devices[1].tags[0].gain", "gain"),
    ],
)
def test_errors_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, field_path: str, words: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ConfigError) as info:
        load_field(path)
    err = info.value
    assert err.file == path
    assert err.line == line, str(err)
    assert str(err).startswith(f"{path}:{line}: {field_path}:"), str(err)
    assert words in str(err)


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("      - name: W02", "      - name: [W02"))
    with pytest.raises(ConfigError) as info:
        load_field(path)
    assert info.value.line is not None and info.value.line >= 21
    assert "not valid YAML" in str(info.value)


def test_duplicate_key_is_rejected(tmp_path: Path) -> None:
    doubled = GOOD.replace("        port: 15001\n", "        port: 15001\n        port: 15009\n")
    path = write(tmp_path, doubled)
    with pytest.raises(ConfigError) as info:
        load_field(path)
    assert info.value.line == 9 and "written twice" in str(info.value)


@pytest.mark.parametrize("text", ["", "- just\n- a list\n", "field: x\nsites: 3\n"])
def test_nonsense_documents_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError):
        load_field(write(tmp_path, text))


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_field(tmp_path / "nope.yaml")
    bad = tmp_path / "bin.yaml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError):
        load_field(bad)


def test_settings_resolve_paths_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, GOOD)
    cfg = write(tmp_path, "site_name: X\nfield: field.yaml\nstate_dir: state\n", "edge.yaml")
    monkeypatch.delenv("OILFIELD_DATABASE_URL", raising=False)
    settings = load_settings(cfg)
    assert settings.field_path == (tmp_path / "field.yaml").resolve()
    assert settings.state_dir == (tmp_path / "state").resolve()
    assert settings.database_url is None
    monkeypatch.setenv("OILFIELD_DATABASE_URL", "postgresql://u@h/db")
    assert load_settings(cfg).database_url == "postgresql://u@h/db"


def test_settings_point_at_missing_field(tmp_path: Path) -> None:
    cfg = write(tmp_path, "site_name: X\n\nfield: nothere.yaml\n", "edge.yaml")
    with pytest.raises(ConfigError) as info:
        load_settings(cfg)
    assert info.value.line == 3 and "does not exist" in str(info.value)
