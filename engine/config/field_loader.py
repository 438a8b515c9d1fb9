"""Load a field config file into a validated :class:`domain.field.Field` and its alarms."""

from __future__ import annotations

from pathlib import Path

from domain.field import Field, FieldError
from engine.config.alarm_loader import FieldConfig, build_alarms
from engine.config.field_schema import FieldModel
from engine.config.validation import validate
from engine.config.yaml_source import YamlSource


def parse_field_config(source: YamlSource) -> FieldConfig:
    """The field and its alarm definitions; raises ConfigError naming file, line and field."""
    model = validate(source, FieldModel)
    field = model.to_domain()
    try:
        field.validate()
    except FieldError as exc:
        raise source.error(exc.path, str(exc)) from None
    return FieldConfig(field, build_alarms(source, model))


def parse_field(source: YamlSource) -> Field:
    """The field alone (alarms are validated too, so a bad alarm fails every load)."""
    return parse_field_config(source).field


def load_field_config(path: Path | str) -> FieldConfig:
    return parse_field_config(YamlSource.read(Path(path)))


def load_field(path: Path | str) -> Field:
    """Read, validate and build the field; raises ConfigError naming file, line and field."""
    return parse_field(YamlSource.read(Path(path)))
