"""Stage timers: the benchmark's accumulates per stage; the hot path's does nothing, used again and again."""

import pytest

from conflictdb.timing import NO_TIMER, StageTimer


def test_no_timer_serves_nested_and_repeated_stages():
    done = []
    for stage in ("figures", "dates", "figures"):
        with NO_TIMER(stage), NO_TIMER("inner"):
            done.append(stage)
    assert done == ["figures", "dates", "figures"]


def test_no_timer_lets_errors_through():
    with pytest.raises(KeyError), NO_TIMER("places"):
        raise KeyError("no such town")


def test_stage_timer_adds_up_each_stage():
    timer = StageTimer()
    for stage in ("figures", "dates", "figures"):
        with timer(stage):
            sum(range(1000))
    assert set(timer.seconds) == {"figures", "dates"}
    assert all(seconds >= 0 for seconds in timer.seconds.values())
