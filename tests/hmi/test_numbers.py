"""The one number format of the analysis screens and reports."""

from __future__ import annotations

import math

import pytest

from hmi.components.numbers import significant


@pytest.mark.parametrize(("value", "kwargs", "text"), [
    (1234567.0, {}, "1,234,567"), (0.57761, {}, "0.5776"), (2463.2, {}, "2,463"),
    (1.406e-5, {}, "1.406e-05"), (3.2e8, {}, "3.200e+08"), (-0.0456, {"digits": 2}, "-0.046"),
    (3.2e8, {"sci_above": 1e9}, "320,000,000"), (1.406e-5, {"sci_below": 0.0}, "0.00001406"),
    (0.0, {}, "0"), (None, {}, "—"), (math.nan, {}, "—"), (math.inf, {}, "∞"),
    (-math.inf, {}, "-∞")])
def test_significant(value: float | None, kwargs: dict[str, float], text: str) -> None:
    assert significant(value, **kwargs) == text  # type: ignore[arg-type]
