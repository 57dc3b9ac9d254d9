"""The day of an incident (extract/incidents/dating.py): a date that opens its sentence."""

from __future__ import annotations

import time

import pytest

from conflictdb.extract.incidents.dating import _FRONTED


@pytest.mark.parametrize(
    ("before", "fronted"),
    [
        ("On ", True),
        ("  Around ", True),
        ("-- Late-night ", True),
        ("Shortly after ", False),
        ("Rebels shelled the town on ", False),
    ],
)
def test_dating_fronted_date_opener(before, fronted):
    assert (_FRONTED.fullmatch(before) is not None) is fronted


def test_dating_fronted_date_opener_is_linear_on_a_run_of_dashes():
    """A page rule of dashes before a dated sentence: each character is read one way only."""
    before = "-" * 20_000 + " Rebels shelled the town on "
    started = time.process_time()
    assert _FRONTED.fullmatch(before) is None
    # CPU time: read one way, 20,000 characters take well under a millisecond; read two ways, the match cost
    # the cube of the run's length (2,000 dashes took over 30 s, so 20,000 would take hours). 1 s is
    # beyond the first on any machine and far short of the second.
    seconds = time.process_time() - started
    assert seconds < 1.0, f"{seconds:.2f} CPU s for a run of 20,000 dashes"
