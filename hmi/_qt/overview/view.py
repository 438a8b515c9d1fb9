"""Field overview (ISA-101 level 1): every well as a tile grouped by site, the facility
summary, and field totals. Totals are marked incomplete when any well's rate is not GOOD."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from domain.production_targets import day_pace
from hmi._qt.context import AppContext
from hmi._qt.overview.tile import WellTile
from hmi._qt.quality import format_number
from hmi._qt.tasks import spawn
from hmi._qt.widgets.value import ValueLabel
from hmi.api.errors import ApiError, ConnectionLost
from hmi.components.tag_values import Reading

COLUMNS = 4
BEHIND_PLAN = 0.95  # on pace for less than this share of the target: marked ▼


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


def facility_label(signal: str) -> str:
    return {"SEP.PRES": tr("Separator pressure"), "SEP.NIVEL": tr("Separator level"),
            "ENT.Q_LIQ": tr("Inlet liquid"), "ENT.Q_OIL": tr("Inlet oil"),
            "ENT.Q_GAS": tr("Separator gas"), "TK1.NIVEL": tr("Oil tank 1 level"),
            "TK2.NIVEL": tr("Oil tank 2 level"), "TK3.NIVEL": tr("Oil tank 3 level"),
            "TKA.NIVEL": tr("Water tank level"), "LACT.CAUDAL": tr("LACT rate"),
            "LACT.BSW": tr("LACT BS&W")}.get(signal, signal)


class OverviewView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tiles: dict[str, WellTile] = {}
        self.title = QLabel()
        self.title.setObjectName("title")
        self.totals = QLabel()
        self.production = QLabel()
        self.production.setObjectName("dim")
        self.body = QWidget()
        self.grid = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.facility = QFrame()
        self.facility.setObjectName("panel")
        self.fac_grid = QGridLayout(self.facility)
        self.fac_title = QLabel()
        self.fac_title.setObjectName("title")
        self.fac_rows: dict[str, tuple[QLabel, ValueLabel]] = {}
        side = QVBoxLayout()
        side.addWidget(self.facility)
        side.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.totals)
        main = QHBoxLayout()
        main.addWidget(scroll, 1)
        main.addLayout(side)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.production)
        lay.addLayout(main, 1)
        ctx.tags.changed.connect(self._on_values)
        ctx.tags.defined.connect(self.rebuild)
        ctx.connection.changed.connect(self._maybe_rebuild)
        ctx.alarms.changed.connect(self._on_alarms)
        ctx.units.changed.connect(lambda _s: self._on_values(None))
        self._prod_timer = QTimer(self)
        self._prod_timer.timeout.connect(self.refresh_production)
        self._prod_timer.start(60_000)
        self._prod_total: float | None = None
        self._prod_target: float | None = None  # today's field oil target, bbl/d
        self._prod_hours = 0.0  # hours since local midnight at the last load
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Field overview"))
        self.fac_title.setText(tr("Battery / facility"))
        for sig, (lbl, _v) in self.fac_rows.items():
            lbl.setText(facility_label(sig))
        for t in self.tiles.values():
            t.retranslate()
        self._update_totals()
        self._show_production()

    def _maybe_rebuild(self) -> None:
        if self.ctx.connection.devices and not self.tiles:
            self.rebuild()

    def rebuild(self) -> None:
        """Tiles for the wells the edge reports (device list + tag definitions)."""
        devices = self.ctx.connection.devices
        if not devices or not self.ctx.tags.infos:
            return
        while self.grid.count():
            item = self.grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self.tiles.clear()
        by_site: dict[str, list[str]] = {}
        models = {d.name: d.model for d in devices}
        for d in devices:
            if d.model in self.ctx.layout.models:
                by_site.setdefault(d.site, []).append(d.name)
        for site, wells in sorted(by_site.items()):
            header = QLabel(site)
            header.setObjectName("title")
            self.grid.addWidget(header)
            box = QWidget()
            g = QGridLayout(box)
            g.setContentsMargins(0, 0, 0, 0)
            for i, name in enumerate(sorted(wells)):
                tile = WellTile(name, models[name], self.ctx.layout.models[models[name]],
                                self.ctx.layout, self.ctx.tags, self.ctx.alarms, self.ctx.units)
                tile.clicked.connect(self.ctx.open_well.emit)
                g.addWidget(tile, i // COLUMNS, i % COLUMNS)
                self.tiles[name] = tile
            self.grid.addWidget(box)
        self.grid.addStretch(1)
        self._build_facility()
        self.ctx.updater.watch("overview", self.watched())
        self.refresh_production()

    def _build_facility(self) -> None:
        while self.fac_grid.count():
            item = self.fac_grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None and w is not self.fac_title:
                w.deleteLater()
        self.fac_rows.clear()
        self.fac_grid.addWidget(self.fac_title, 0, 0, 1, 2)
        dev = self.ctx.layout.facility_device
        for i, sig in enumerate(self.ctx.layout.facility_signals, start=1):
            tag = f"{dev}.{sig}"
            if tag not in self.ctx.tags.infos:
                continue
            lbl = QLabel(facility_label(sig))
            val = ValueLabel(self.ctx.units, self.ctx.tags.units(tag))
            val.setMinimumWidth(110)
            self.fac_grid.addWidget(lbl, i, 0)
            self.fac_grid.addWidget(val, i, 1)
            self.fac_rows[sig] = (lbl, val)

    def watched(self) -> list[str]:
        names = [n for t in self.tiles.values() for n in t.watched()]
        dev = self.ctx.layout.facility_device
        names += [f"{dev}.{s}" for s in self.fac_rows]
        names += [f"{w}.{q}" for w in self.tiles for q in ("Q_OIL", "Q_GAS")]
        return names

    def _on_values(self, names: set[str] | None) -> None:
        for t in self.tiles.values():
            t.refresh_values(names)
        dev = self.ctx.layout.facility_device
        for sig, (_lbl, val) in self.fac_rows.items():
            val.show_reading(self.ctx.tags.reading(f"{dev}.{sig}"))
        self._update_totals()

    def _on_alarms(self) -> None:
        for t in self.tiles.values():
            t.refresh_alarm()

    def _total(self, signal: str) -> tuple[float, int]:
        total, suspect = 0.0, 0
        for w in self.tiles:
            r: Reading = self.ctx.tags.reading(f"{w}.{signal}")
            if r.shown_good and r.value is not None:
                total += r.value
            else:
                suspect += 1
        return total, suspect

    def _update_totals(self) -> None:
        if not self.tiles:
            self.totals.setText("")
            return
        parts = []
        for sig, label in (("Q_OIL", tr("Oil")), ("Q_LIQ", tr("Liquid")), ("Q_GAS", tr("Gas"))):
            total, suspect = self._total(sig)
            src = self.ctx.tags.units(f"{next(iter(self.tiles))}.{sig}")
            v = "—" if suspect == len(self.tiles) else \
                format_number(self.ctx.units.convert(total, src), 0)
            mark = f" (? {suspect})" if suspect else ""
            parts.append(f"{label}: {v} {self.ctx.units.units(src)}{mark}")
        self.totals.setText(tr("Field now") + " — " + "   ".join(parts))
        self.totals.setToolTip(tr("(? n): n wells without a good value are not in the total"))

    # -- production today (fiscal LACT totalizer: now minus local midnight) ------------------
    def refresh_production(self) -> None:
        tag = f"{self.ctx.layout.facility_device}.{self.ctx.layout.production_total}"
        if tag in self.ctx.tags.infos:
            spawn(self._load_production(tag))

    async def _load_production(self, tag: str) -> None:
        now = datetime.now(UTC)
        midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0,
                                                       microsecond=0)
        total = None
        with contextlib.suppress(ApiError, ConnectionLost):
            trend = await self.ctx.client.trend(tag, midnight.astimezone(UTC),
                                                now + timedelta(seconds=1), 48)
            firsts = [p.min for p in trend.points if p.min is not None]
            lasts = [p.max for p in trend.points if p.max is not None]
            if firsts and lasts:
                total = max(0.0, lasts[-1] - firsts[0])
        target = None
        with contextlib.suppress(ApiError, ConnectionLost):  # an older edge has no targets
            targets = await self.ctx.client.production_targets(midnight.date())
            if targets.field is not None and targets.field.oil_bbl_d:
                target = targets.field.oil_bbl_d
        self._prod_total = total
        self._prod_target = target
        self._prod_hours = min(24.0, max(0.0, (now - midnight).total_seconds() / 3600))
        self._show_production()

    def _show_production(self) -> None:
        if self._prod_total is None:
            self.production.setText(tr("Production today: not available"))
            return
        src = self.ctx.tags.units(
            f"{self.ctx.layout.facility_device}.{self.ctx.layout.production_total}")
        u = self.ctx.units

        def vol(v: float) -> str:
            return f"{format_number(u.convert(v, src), 0)} {u.units(src)}"

        text = tr("Net oil delivered today (LACT): %1").replace("%1", vol(self._prod_total))
        if self._prod_target:
            pace = day_pace(self._prod_total, self._prod_target, self._prod_hours)
            text += "   ·   " + tr("target %1 (%2 % delivered)").replace(
                "%1", vol(self._prod_target)).replace("%2", f"{100 * pace.fraction_of_target:.0f}")
            if pace.on_pace_for is not None and pace.pace_ratio is not None:
                mark = "▼ " if pace.pace_ratio < BEHIND_PLAN else ""
                text += "   ·   " + mark + tr("on pace for %1 (%2 % of target)").replace(
                    "%1", vol(pace.on_pace_for)).replace("%2", f"{100 * pace.pace_ratio:.0f}")
        else:
            text += "   ·   " + tr("no daily target set")
        self.production.setText(text)
