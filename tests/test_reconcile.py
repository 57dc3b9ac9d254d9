"""ACLED fatalities from conflicting claims: the lowest figure per victim group, groups added up."""

from __future__ import annotations

import pytest

from conflictdb.records import Category, Claim, Figure, Outcome, Span, Stance
from conflictdb.resolve.reconcile import fatalities

C, M, S, U = Category.CIVILIANS, Category.MILITANTS, Category.SECURITY_FORCES, Category.UNSPECIFIED


def claim(*figures: tuple[Category, int | None, int | None], **kwargs) -> Claim:
    made = tuple(Figure(Outcome.KILLED, cat, lo, hi) for cat, lo, hi in figures)
    return Claim(Span(0, 1), made, **kwargs)


@pytest.mark.parametrize(
    ("claims", "coded", "expected"),
    [
        ([claim((U, 26, 26)), claim((C, 30, 30)), claim((C, 7, 7))], None, 26),  # a total against sub-groups
        ([claim((S, 2, 2)), claim((M, 6, 6))], None, 8),  # two groups of victims
        ([claim((S, 4, None), (C, 2, 2), (M, 4, 4))], None, 10),  # one sentence, three groups
        ([claim((C, 4, None)), claim((C, 4, 4)), claim((S, 10, 10), partisan=True)], None, 4),  # partisan out
        ([claim((S, 10, 10), partisan=True)], None, 10),  # partisan counts when it is all there is
        ([claim((C, None, 9))], None, 9),  # "up to 9"
        ([claim((C, 12, 12), stance=Stance.DENIED)], None, None),
        ([claim((S, 2, 2))], 0, 0),  # the source coded 0 itself
        ([], None, None),
    ],
)
def test_reconcile_fatalities(claims: list[Claim], coded: int | None, expected: int | None) -> None:
    assert fatalities(claims, coded=coded) == expected
