"""Decline curve analysis, Qt-free: which wells, how to fit them, the fit, the hand-edited
curve, the forecast, EUR and P-bands, and the report.

Data flow: :meth:`DcaModel.load_wells` and :meth:`DcaModel.load_history` read the edge's daily
production (``ApiClient.production_wells`` / ``daily_production``); :meth:`DcaModel.subject`
turns the selected wells into one :class:`~domain.engineering.dca.ProductionHistory` (one well,
a group as the sum of its rates, or a type well on a common clock); :func:`run_fit` (worker
thread) fits and forecasts it; :meth:`DcaModel.apply_fit` makes it current. The engineer may
then edit the parameters by hand (:meth:`DcaModel.set_param`, :meth:`DcaModel.drag_rate`):
the forecast is recomputed at once (closed-form volumes, well under a millisecond) and the
report says the curve was edited. :func:`run_bands` (worker) bootstraps P90/P50/P10.

Rates and volumes are kept in bbl/d and bbl (what the edge serves); ``units`` converts them
for display and for the report only.

Rates from the edge: ``oil_bbl`` of a producing day is the *calendar-day* rate (volume per
calendar day); ``hours_on / 24`` is the uptime, so the producing-day rate is
``oil_bbl / uptime`` (the domain's ``rate_basis="producing"``), which is what the edge's
documentation recommends fitting: downtime then does not read as decline.

Where things are (everything the widget and the tests use is re-exported here):

- :mod:`.labels` — the models offered, their labels, exclusion reasons, ``fmt``;
- :mod:`.params` — the parameters as the engineer edits them (:class:`ParamSpec`);
- :mod:`.options` — the fit and forecast options with their checks;
- :mod:`.histories` — daily production to a well, group or type-well :class:`Subject`;
- :mod:`.fitting` — the worker functions (:func:`run_fit`, :func:`run_bands`) and results;
- :mod:`.display` — what the tab shows, in display units, and the plot colours;
- :mod:`.report` — the tables, charts and exported report;
- :mod:`.model` — :class:`DcaModel`, the tab's state, loading, fitting and hand edits.
"""

from __future__ import annotations

from hmi.api.types import ProductionWell, WellDaily

from .display import (
    COLOR_BAND,
    COLOR_EXCLUDED,
    COLOR_FIT,
    COLOR_FORECAST,
    COLOR_LIMIT,
    COLOR_OUTLIER,
    COLOR_USED,
    EPOCH,
)
from .fitting import (
    Curve,
    FitOutcome,
    ProgressFn,
    combine_bands,
    fit_subject,
    forecast_uptime,
    make_curve_forecast,
    run_bands,
    run_fit,
)
from .histories import FloatArray, Mode, Subject, group_history, make_subject, well_history
from .labels import MODELS, Translate, fmt, model_label, reason_label, tr_month
from .model import DcaModel
from .options import FitOptions, ForecastOptions
from .params import ParamSpec, build_model, param_specs

__all__ = [
    "COLOR_BAND",
    "COLOR_EXCLUDED",
    "COLOR_FIT",
    "COLOR_FORECAST",
    "COLOR_LIMIT",
    "COLOR_OUTLIER",
    "COLOR_USED",
    "EPOCH",
    "MODELS",
    "Curve",
    "DcaModel",
    "FitOptions",
    "FitOutcome",
    "FloatArray",
    "ForecastOptions",
    "Mode",
    "ParamSpec",
    "ProductionWell",
    "ProgressFn",
    "Subject",
    "Translate",
    "WellDaily",
    "build_model",
    "combine_bands",
    "fit_subject",
    "fmt",
    "forecast_uptime",
    "group_history",
    "make_curve_forecast",
    "make_subject",
    "model_label",
    "param_specs",
    "reason_label",
    "run_bands",
    "run_fit",
    "tr_month",
    "well_history",
]
