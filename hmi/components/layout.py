"""Display layouts loaded from resources/hmi/layouts/*.yaml (data files, not code), so a
site can change what a well tile shows without a software release."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class SignalLayout:
    scale: tuple[float, float] | None = None
    band: tuple[float, float] | None = None


@dataclass(frozen=True)
class ModelLayout:
    label: str
    run: str
    tile: list[str]
    faceplate: list[str]
    setpoints: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class WellsLayout:
    models: dict[str, ModelLayout]
    signals: dict[str, SignalLayout]
    facility_device: str
    facility_signals: list[str]
    production_total: str

    def signal(self, tag: str) -> SignalLayout:
        """Layout of ``tag`` by its signal name (the tag name without the well prefix)."""
        _well, _, signal = tag.partition(".")
        return self.signals.get(signal, SignalLayout())


def _pair(v: Any) -> tuple[float, float] | None:
    return (float(v[0]), float(v[1])) if v else None


def load_wells_layout(text: str | None = None) -> WellsLayout:
    if text is None:
        text = (resources.files("resources") / "hmi" / "layouts" / "wells.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    models = {k: ModelLayout(label=v["label"], run=v["run"], tile=list(v["tile"]),
                             faceplate=list(v["faceplate"]),
                             setpoints=list(v.get("setpoints", [])))
              for k, v in raw["models"].items()}
    signals = {k: SignalLayout(scale=_pair(v.get("scale")), band=_pair(v.get("band")))
               for k, v in raw.get("signals", {}).items()}
    fac = raw.get("facility", {})
    return WellsLayout(models=models, signals=signals, facility_device=fac.get("device", ""),
                       facility_signals=list(fac.get("signals", [])),
                       production_total=fac.get("production_total", ""))
