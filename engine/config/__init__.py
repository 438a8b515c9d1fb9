"""Reading the edge's configuration files: the field definition and the engine settings.

Both are YAML. Every error names the file, the line and the field, and nothing is started on a
config that failed to load (see :class:`ConfigError`).
"""

from engine.config.errors import ConfigError
from engine.config.field_loader import load_field, parse_field
from engine.config.settings import EdgeSettings, load_settings

__all__ = ["ConfigError", "EdgeSettings", "load_field", "load_settings", "parse_field"]
