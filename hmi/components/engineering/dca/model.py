"""The decline-curve tab's state and its events: the wells and their history, the options,
the fit, the curve (fitted or edited by hand: :meth:`DcaModel.set_param`,
:meth:`DcaModel.drag_rate`) and the P-bands. What it shows is :mod:`.display`'s and
:mod:`.report`'s.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy.optimize import brentq

from domain.engineering import dca
from hmi.api.types import ProductionWell, WellDaily
from hmi.components.events import Event
from hmi.components.units import UnitsModel

from .fitting import Curve, FitOutcome, make_curve_forecast, run_bands, run_fit
from .histories import Mode
from .labels import Translate, _identity
from .options import FitOptions, ForecastOptions
from .params import build_model
from .report import DcaReport


class DcaModel(DcaReport):
    """State of the decline-curve tab. Events: ``wells_changed()``, ``history_changed()``,
    ``fit_changed()`` (a new fit), ``curve_changed()`` (a new fit or a hand edit),
    ``bands_changed()``."""

    def __init__(self, units: UnitsModel | None = None, tr: Translate = _identity) -> None:
        self.units = units or UnitsModel()
        self.tr = tr
        self.wells: list[ProductionWell] = []
        self.daily: dict[str, WellDaily] = {}  # the selected wells' history, in order
        self.mode: Mode = "group"
        self.options = FitOptions()
        self.forecast_options = ForecastOptions()
        self.outcome: FitOutcome | None = None
        self.curve: Curve | None = None
        self.bands: dca.PBands | None = None
        self.wells_changed = Event()
        self.history_changed = Event()
        self.fit_changed = Event()
        self.curve_changed = Event()
        self.bands_changed = Event()

    # -- loading -----------------------------------------------------------------------

    async def load_wells(self, client: Any) -> list[ProductionWell]:
        """The wells with daily history on the edge, largest cumulative oil first."""
        wells = await client.production_wells()
        self.wells = sorted(wells, key=lambda w: (-w.cum_oil_bbl, w.well))
        self.wells_changed.emit()
        return self.wells

    async def load_history(self, client: Any, wells: Sequence[str]) -> dict[str, WellDaily]:
        """Daily production of ``wells`` over their whole span (one request per 20 years)."""
        names = list(dict.fromkeys(wells))
        if not names:
            raise ValueError(self.tr("Pick at least one well"))
        known = {w.well: w for w in self.wells}
        spans = [known[n] for n in names if n in known]
        start = min((w.first_day for w in spans), default=date(1970, 1, 1))
        end = max((w.last_day for w in spans), default=date.today()) + timedelta(days=1)
        got = await client.daily_production(names, start, end)
        self.set_history([got.get(n, WellDaily(n)) for n in names])
        return self.daily

    def set_history(self, dailies: Sequence[WellDaily]) -> None:
        self.daily = {d.well: d for d in dailies}
        self.clear_fit()
        self.history_changed.emit()

    def clear_fit(self) -> None:
        self.outcome = None
        self.curve = None
        self.bands = None
        self.fit_changed.emit()
        self.curve_changed.emit()
        self.bands_changed.emit()

    # -- fitting -----------------------------------------------------------------------

    @property
    def effective_mode(self) -> Mode:
        return "single" if len(self.daily) <= 1 else self.mode

    def fit_job(self) -> tuple[Callable[..., FitOutcome], tuple[Any, ...]]:
        """(work, args) for the runner; validates the inputs first (``ValueError``)."""
        if not self.daily:
            raise ValueError(self.tr("Pick one or more wells first"))
        self.options.validate(self.tr)
        self.forecast_options.validate(self.tr)
        return run_fit, (list(self.daily.values()), self.effective_mode, self.options,
                         self.forecast_options)

    def apply_fit(self, outcome: FitOutcome) -> None:
        self.outcome = outcome
        self.bands = None
        self.curve = Curve(outcome.result.model, outcome.forecast, False,
                           outcome.result.stats.rmse_log)
        self.fit_changed.emit()
        self.curve_changed.emit()
        self.bands_changed.emit()

    def set_forecast_options(self, fo: ForecastOptions) -> None:
        """A new economic limit or end: the forecast follows at once (no refit needed)."""
        fo.validate(self.tr)
        self.forecast_options = fo
        if self.outcome is not None and self.curve is not None:
            self.outcome = replace(self.outcome, forecast_options=fo,
                                   forecast=make_curve_forecast(
                                       self.outcome.result, self.outcome.result.model,
                                       self.outcome.subject, fo))
            self._set_curve(self.curve.model, self.curve.edited)
            self.bands = None
            self.bands_changed.emit()

    # -- hand edits --------------------------------------------------------------------

    @property
    def params(self) -> dict[str, float]:
        return dict(self.curve.model.params) if self.curve else {}

    def set_param(self, name: str, value: float) -> None:
        """Replace one parameter of the curve (raises ``ValueError`` naming the problem)."""
        if self.curve is None:
            raise ValueError(self.tr("Fit a decline first"))
        params = {**self.curve.model.params, name: float(value)}
        if name == "di" and "dlim" in params:  # keep the terminal decline valid
            params["dlim"] = min(params["dlim"], params["di"])
        self.set_params(params)

    def set_params(self, params: dict[str, float]) -> None:
        if self.curve is None:
            raise ValueError(self.tr("Fit a decline first"))
        model = build_model(type(self.curve.model), params)
        self._set_curve(model, True)

    def reset_params(self) -> None:
        """Back to the fitted parameters."""
        if self.outcome is not None:
            self._set_curve(self.outcome.result.model, False)

    def _set_curve(self, model: dca.DeclineModel, edited: bool) -> None:
        assert self.outcome is not None
        o = self.outcome
        fc = o.forecast if not edited and model is o.result.model else make_curve_forecast(
            o.result, model, o.subject, o.forecast_options)
        self.curve = Curve(model, fc, edited, self.rmse_of(model))
        self.curve_changed.emit()

    def rmse_of(self, model: dca.DeclineModel) -> float:
        """Root mean square of ln(q_obs/q_curve) over the points the fit used."""
        if self.outcome is None:
            return math.nan
        r = self.outcome.result
        h = r.history
        used = r.used
        rate = self.basis_rate()[used]
        t = h.days[used] + 0.5 * h.period[used] - r.origin
        with np.errstate(divide="ignore", invalid="ignore"):
            res = np.log(rate / model.rate(t))
        res = res[np.isfinite(res)]
        return float(np.sqrt(np.mean(res * res))) if res.size else math.nan

    def drag_rate(self, name: str, t_model: float, q: float) -> None:
        """Set parameter ``name`` so that the curve passes through rate ``q`` (fit basis,
        bbl/d) at model time ``t_model`` days: what dragging a handle on the plot does.
        ``qi``/``q1`` scale the curve; ``di``/``tau`` bend it (solved with Brent's method)."""
        if self.curve is None or not (q > 0 and math.isfinite(q)):
            return
        m = self.curve.model
        params = dict(m.params)
        if name in ("qi", "q1"):
            params[name] = params[name] * q / float(m.rate(max(t_model, 1e-9)))
            self.set_params(params)
            return
        lo, hi = (params.get("dlim", 0.0) + 1e-6, 1e4) if name == "di" else (1e-3, 1e8)

        def f(log_p: float) -> float:
            trial = build_model(type(m), {**params, name: math.exp(log_p)})
            rate = float(trial.rate(t_model))
            return (math.log(rate) if rate > 0 else -745.0) - math.log(q)  # 0: underflow

        a, b = math.log(lo), math.log(hi)
        fa, fb = f(a), f(b)
        if fa * fb > 0:  # out of reach: go to the nearer end
            best = a if abs(fa) < abs(fb) else b
        else:
            best = float(brentq(f, a, b, xtol=1e-10))
        params[name] = math.exp(best)
        self.set_params(params)

    # -- P-bands -----------------------------------------------------------------------

    def bands_job(self) -> tuple[Callable[..., dca.PBands], tuple[Any, ...]]:
        if self.outcome is None:
            raise ValueError(self.tr("Fit a decline first"))
        self.forecast_options.validate(self.tr)
        return run_bands, (self.outcome, self.forecast_options.bands_n,
                           self.tr("Bootstrap: %1 of %2 refits"))

    def apply_bands(self, bands: dca.PBands) -> None:
        self.bands = bands
        self.bands_changed.emit()
