"""Flood detection: > 10 annunciated alarms in 10 minutes per area, clearing below 5."""

from __future__ import annotations

import pytest

from domain.alarms.flood import FloodChange, FloodDetector, area_levels

PAD = "Campo/PAD-A"


def test_ten_alarms_in_ten_minutes_is_not_a_flood_eleven_is():
    f = FloodDetector()
    for i in range(10):
        assert f.record(PAD, i * 50.0) == []
    assert not f.in_flood(PAD)
    assert f.record(PAD, 540.0) == [FloodChange(PAD, 540.0, True, 11)]
    assert f.in_flood(PAD) and f.flooding_areas() == [PAD]
    assert f.record(PAD, 541.0) == []  # already flooding: no second start


def test_alarms_spread_over_more_than_the_window_never_flood():
    f = FloodDetector()
    for i in range(100):
        assert f.record(PAD, i * 60.0) == []  # one a minute: 10 in any 10 minutes
    assert f.count(PAD) == 10


def test_flood_ends_when_the_window_count_falls_below_five_at_the_exact_time():
    f = FloodDetector()
    for i in range(11):
        f.record(PAD, float(i))  # 11 alarms at 0..10 s
    assert f.tick(605.0) == []  # 0..5 left: 5 remain, not below 5
    (end,) = f.tick(700.0)
    assert end == FloodChange(PAD, 606.0, False, 4)
    assert not f.in_flood(PAD)


def test_areas_are_counted_separately():
    f = FloodDetector()
    for i in range(11):
        f.record("Campo/PAD-A", float(i))
        if i < 10:
            f.record("Campo/PAD-B", float(i))
    assert f.in_flood("Campo/PAD-A") and not f.in_flood("Campo/PAD-B")


def test_out_of_order_timestamps_inside_the_window_count_and_old_ones_do_not():
    f = FloodDetector(threshold=2, clear_below=1, window_s=10.0)
    f.record(PAD, 100.0)
    f.record(PAD, 95.0)
    assert f.record(PAD, 50.0) == []  # already outside the window
    assert f.record(PAD, 99.0)[0].in_flood


def test_area_levels_roll_up_to_every_enclosing_area():
    assert area_levels("Campo/PAD-A/W01") == ["Campo", "Campo/PAD-A", "Campo/PAD-A/W01"]
    assert area_levels("Campo") == ["Campo"]


def test_parameters_are_validated():
    with pytest.raises(ValueError):
        FloodDetector(threshold=0)
    with pytest.raises(ValueError):
        FloodDetector(clear_below=20)
    with pytest.raises(ValueError):
        FloodDetector(window_s=0)
