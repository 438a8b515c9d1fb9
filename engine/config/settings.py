"""The edge engine's own settings file (``edge.yaml``).

Relative paths in it are resolved against the file's folder, so a config directory can be
copied as a whole. ``OILFIELD_DATABASE_URL`` overrides ``database.url`` (IT sets secrets in the
systemd unit's environment rather than in a world-readable file).
"""

from __future__ import annotations

import ipaddress
import logging
import os
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveFloat,
    PositiveInt,
    field_validator,
    model_validator,
)

from engine.config.errors import ConfigError
from engine.config.validation import validate
from engine.config.yaml_source import YamlSource

DATABASE_URL_ENV = "OILFIELD_DATABASE_URL"

log = logging.getLogger(__name__)


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
    #: Live trends up to this far back are computed from memory (engine.historian.recent);
    #: 0 turns it off. ``recent_max_rows`` bounds its memory (~22 bytes a row, plus slack).
    recent_minutes: Annotated[float, Field(ge=0, le=24 * 60)] = 60.0
    recent_max_rows: PositiveInt = 4_000_000


class LogSettings(_Strict):
    level: Annotated[str, Field(pattern=r"^(?i)(debug|info|warning|error)$")] = "info"
    format: Annotated[str, Field(pattern=r"^(json|text)$")] = "json"


class TlsSettings(_Strict):
    """``off`` (loopback only), ``self-signed`` (generated at first start under the state dir,
    pinned by clients by its fingerprint) or ``files`` (a certificate from the site's CA)."""

    mode: Literal["off", "self-signed", "files"] = "self-signed"
    cert_file: Path | None = None  # mode files: PEM certificate (chain)
    key_file: Path | None = None  # mode files: PEM private key
    names: list[str] = []  # extra DNS names / IP addresses for the self-signed certificate

    @model_validator(mode="after")
    def _files_given(self) -> TlsSettings:
        if self.mode == "files" and (self.cert_file is None or self.key_file is None):
            raise ValueError("tls mode 'files' needs cert_file and key_file")
        return self


class LoginRateSettings(_Strict):
    """Per client address, on top of the per-account lockout (which one address guessing many
    accounts would never trip)."""

    attempts: PositiveInt = 10
    window_s: PositiveFloat = 60.0


class ApiSettings(_Strict):
    enabled: bool = True
    host: str = "0.0.0.0"
    port: Annotated[int, Field(ge=1, le=65535)] = 8080
    tls: TlsSettings = TlsSettings()
    max_body_bytes: Annotated[int, Field(ge=1024, le=16 * 1024 * 1024)] = 64 * 1024
    login_rate: LoginRateSettings = LoginRateSettings()
    #: Shown by clients before anyone logs in (IEC 62443-3-3 SR 1.12, system use
    #: notification): who may use this system, that use is monitored and recorded...
    login_banner: Annotated[str, Field(max_length=4000)] = ""
    #: The HMI locks its session after this many minutes without keyboard or mouse input
    #: (SR 2.5): displays stay live, actions need the password again. 0: never (the usual
    #: choice for a staffed control room's operator stations; a manual lock is always there).
    hmi_lock_minutes: Annotated[float, Field(ge=0, le=24 * 60)] = 0.0

    @model_validator(mode="after")
    def _plaintext_only_on_loopback(self) -> ApiSettings:
        # Passwords and tokens cross this socket: without TLS it must not leave the box.
        if self.enabled and self.tls.mode == "off" and not _is_loopback(self.host):
            raise ValueError(
                f"tls mode 'off' is only allowed on a loopback host, not {self.host!r} "
                "(use self-signed or files)"
            )
        return self


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class AuthConfig(_Strict):
    """Overrides of ``edge_server.auth.AuthSettings``; unset keys keep its defaults."""

    access_ttl_s: Annotated[int, Field(ge=60, le=3600)] | None = None
    session_ttl_h: Annotated[float, Field(gt=0, le=24 * 7)] | None = None
    idle_timeout_min: Annotated[float, Field(gt=0, le=24 * 60)] | None = None
    lockout_threshold: Annotated[int, Field(ge=1, le=100)] | None = None
    lockout_base_s: Annotated[float, Field(gt=0)] | None = None
    lockout_cap_s: Annotated[float, Field(gt=0)] | None = None


class NotifierConfig(BaseModel):
    """One alarm notifier: ``type`` names an ``oilfield.notifiers`` entry point (``email``);
    the other keys are that notifier's own (see ``EmailNotifier.from_config``), checked when
    the engine builds it with ``engine.alarms.notify.load_notifiers`` at start."""

    model_config = ConfigDict(extra="allow")
    type: Annotated[str, Field(min_length=1)]


class ProductionSettings(_Strict):
    """The daily production close (engine/production, docs/production.md)."""

    enabled: bool = True
    #: How often closed days are looked for (a day closes once the 1-hour rollups pass it).
    interval_s: Annotated[float, Field(ge=10, le=86400)] = 300.0
    #: How many days back are (re)closed: missing days after a stop, late data after an outage.
    catchup_days: Annotated[int, Field(ge=1, le=366)] = 7


class EdgeSettingsModel(_Strict):
    site_name: str = "edge"
    timezone: str | None = None  # IANA name of the site's zone; None: this machine's zone
    field: Path
    state_dir: Path | None = None
    database: DatabaseSettings = DatabaseSettings()
    historian: HistorianSettings = HistorianSettings()
    log: LogSettings = LogSettings()
    api: ApiSettings = ApiSettings()
    auth: AuthConfig = AuthConfig()
    notifications: list[NotifierConfig] = []
    production: ProductionSettings = ProductionSettings()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(
                    f"unknown time zone {value!r}: use an IANA name such as "
                    "'America/Argentina/Buenos_Aires' or 'UTC'"
                ) from None
        return value


def machine_zone() -> tzinfo:
    """This machine's time zone, with its daylight-saving rules (not a fixed offset).

    ``$TZ`` when it names a zone, else the zone ``/etc/localtime`` links to (or the file
    itself), else UTC (e.g. Windows without the tzdata package), which is logged.
    """
    candidates: list[str] = []
    if os.environ.get("TZ"):
        candidates.append(os.environ["TZ"].lstrip(":"))
    localtime = Path("/etc/localtime")
    target = os.path.realpath(localtime)
    if "/zoneinfo/" in target:
        candidates.append(target.split("/zoneinfo/", 1)[1])
    for key in candidates:
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    try:
        with localtime.open("rb") as fh:
            return ZoneInfo.from_file(fh, key="localtime")
    except (OSError, ValueError):
        log.warning("cannot tell this machine's time zone: production days are UTC days; "
                    "set `timezone:` in edge.yaml")
        return UTC


class EdgeSettings:
    """Settings with every path resolved and the environment applied."""

    def __init__(self, model: EdgeSettingsModel, file: Path | None) -> None:
        base = file.parent if file is not None else Path.cwd()
        self.file = file
        self.site_name = model.site_name
        self.timezone_name = model.timezone
        self.production = model.production
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
        tls = model.api.tls
        self.api = model.api.model_copy(update={"tls": tls.model_copy(update={
            "cert_file": (base / tls.cert_file).resolve() if tls.cert_file else None,
            "key_file": (base / tls.key_file).resolve() if tls.key_file else None,
        })})
        self.auth = model.auth
        self.notifications: list[dict[str, Any]] = [n.model_dump() for n in model.notifications]

    @property
    def zone(self) -> tzinfo:
        """The site's time zone: producing days are its calendar days."""
        return ZoneInfo(self.timezone_name) if self.timezone_name else machine_zone()

    @property
    def spill_dir(self) -> Path:
        return self.state_dir / "spill"

    @property
    def health_file(self) -> Path:
        return self.state_dir / "health.json"

    @property
    def tls_dir(self) -> Path:
        """Where ``tls.mode: self-signed`` keeps its certificate and key (key 0600)."""
        return self.state_dir / "tls"


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
