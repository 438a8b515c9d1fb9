"""Reading the edge's configuration files: the field definition and the engine settings.

Both are YAML. Every error names the file, the line and the field, and nothing is started on a
config that failed to load (see :class:`ConfigError`).
"""

from engine.config.alarm_loader import FieldConfig
from engine.config.errors import ConfigError
from engine.config.field_loader import (
    load_field,
    load_field_config,
    parse_field,
    parse_field_config,
)
from engine.config.settings import EdgeSettings, load_settings

__all__ = [
    "ConfigError",
    "EdgeSettings",
    "FieldConfig",
    "load_field",
    "load_field_config",
    "load_settings",
    "parse_field",
    "parse_field_config",
]
