"""The edge engine's own settings file (``edge.yaml``).

Relative paths in it are resolved against the file's folder, so a config directory can be
copied as a whole. ``OILFIELD_DATABASE_URL`` overrides ``database.url`` (IT sets secrets in the
systemd unit's environment rather than in a world-readable file).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, PositiveInt

from engine.config.errors import ConfigError
from engine.config.validation import validate
from engine.config.yaml_source import YamlSource

DATABASE_URL_ENV = "OILFIELD_DATABASE_URL"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DatabaseSettings(_Strict):
    url: str | None = None  # None: start the embedded PostgreSQL
    embedded_data_dir: Path | None = None


class RetentionSettings(_Strict):
    raw_days: PositiveInt = 400
    rollup_1m_days: PositiveInt = 1825
    rollup_10m_days: PositiveInt = 1095
    rollup_1h_days: PositiveInt | None = None  # None: keep forever


class HistorianSettings(_Strict):
    flush_interval_s: PositiveFloat = 1.0
    batch_rows: PositiveInt = 20_000
    memory_limit_rows: PositiveInt = 2_000_000
    spill_limit_mb: PositiveInt = 1024
    rollup_interval_s: PositiveFloat = 60.0
    retention: RetentionSettings = RetentionSettings()


class LogSettings(_Strict):
    level: Annotated[str, Field(pattern=r"^(?i)(debug|info|warning|error)$")] = "info"
    format: Annotated[str, Field(pattern=r"^(json|text)$")] = "json"


class EdgeSettingsModel(_Strict):
    site_name: str = "edge"
    field: Path
    state_dir: Path | None = None
    database: DatabaseSettings = DatabaseSettings()
    historian: HistorianSettings = HistorianSettings()
    log: LogSettings = LogSettings()


class EdgeSettings:
    """Settings with every path resolved and the environment applied."""

    def __init__(self, model: EdgeSettingsModel, file: Path | None) -> None:
        base = file.parent if file is not None else Path.cwd()
        self.file = file
        self.site_name = model.site_name
        self.field_path = (base / model.field).resolve()
        self.state_dir = (
            (base / model.state_dir).resolve()
            if model.state_dir is not None
            else Path(platformdirs.user_state_dir("oilfield"))
        )
        self.database_url: str | None = os.environ.get(DATABASE_URL_ENV) or model.database.url
        self.embedded_data_dir = (
            (base / model.database.embedded_data_dir).resolve()
            if model.database.embedded_data_dir is not None
            else Path(platformdirs.user_data_dir("oilfield")) / "pgdata"
        )
        self.historian = model.historian
        self.log = model.log

    @property
    def spill_dir(self) -> Path:
        return self.state_dir / "spill"

    @property
    def health_file(self) -> Path:
        return self.state_dir / "health.json"


def load_settings(path: Path | str) -> EdgeSettings:
    file = Path(path).resolve()
    source = YamlSource.read(file)
    model = validate(source, EdgeSettingsModel)
    settings = EdgeSettings(model, file)
    if not settings.field_path.exists():
        raise ConfigError(
            file,
            f"the field file {settings.field_path} does not exist",
            line=source.line_of(("field",)),
            field=("field",),
        )
    return settings
