"""The one error type configuration problems surface as."""

from __future__ import annotations

from pathlib import Path


def format_path(path: tuple[str | int, ...]) -> str:
    """``("sites", 0, "devices", 2, "port")`` -> ``sites[0].devices[2].port``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class ConfigError(ValueError):
    """A configuration file that cannot be used, located as precisely as the file allows."""

    def __init__(
        self,
        file: Path | str,
        message: str,
        *,
        line: int | None = None,
        field: tuple[str | int, ...] = (),
    ) -> None:
        self.file = Path(file)
        self.line = line
        self.field = field
        self.message = message
        where = f"{self.file}:{line}" if line is not None else str(self.file)
        what = f" {format_path(field)}:" if field else ""
        super().__init__(f"{where}:{what} {message}")
