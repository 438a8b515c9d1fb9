"""Load a field config file into a validated :class:`domain.field.Field`."""

from __future__ import annotations

from pathlib import Path

from domain.field import Field, FieldError
from engine.config.field_schema import FieldModel
from engine.config.validation import validate
from engine.config.yaml_source import YamlSource


def parse_field(source: YamlSource) -> Field:
    model = validate(source, FieldModel)
    field = model.to_domain()
    try:
        field.validate()
    except FieldError as exc:
        raise source.error(exc.path, str(exc)) from None
    return field


def load_field(path: Path | str) -> Field:
    """Read, validate and build the field; raises ConfigError naming file, line and field."""
    return parse_field(YamlSource.read(Path(path)))
