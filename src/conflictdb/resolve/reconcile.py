"""Reconciling the claims about one incident into ACLED's `fatalities` (first version).

ACLED codes the most conservative reported figure. Claims about the same victims conflict, claims
about different victims add up: per victim category the lowest reported number is taken, the
categories are summed, and an unspecified count ("26 people") is read as a total of all victims.
Denials, threats and questions carry no figure; a party's claims about its enemy's losses count only
when nobody else gives a figure; sub-counts ("20 of the dead were soldiers") never add.
"""

from __future__ import annotations

from collections.abc import Iterable

from conflictdb.records import Category, Claim, Outcome, Stance


def killed_by_category(claim: Claim) -> dict[Category, int]:
    """A claim's killed figures per category (lower bounds, "up to N" as N), sub-counts left out."""
    totals: dict[Category, int] = {}
    for figure in claim.figures:
        if figure.outcome is not Outcome.KILLED or not figure.has_number or figure.part_of_total:
            continue
        value = figure.min if figure.min is not None else figure.max
        totals[figure.category] = totals.get(figure.category, 0) + (value or 0)
    return totals


def fatalities(claims: Iterable[Claim], *, coded: int | None = None) -> int | None:
    """ACLED's fatalities for one incident; `coded` is a figure the source says it coded itself."""
    if coded is not None:
        return coded
    asserted = [c for c in claims if c.stance is Stance.ASSERTED]
    counted = [c for c in asserted if not c.partisan and killed_by_category(c)] or asserted
    lowest: dict[Category, int] = {}
    for claim in counted:
        for category, value in killed_by_category(claim).items():
            lowest[category] = min(value, lowest.get(category, value))
    if not lowest:
        return None
    specific = sum(v for c, v in lowest.items() if c is not Category.UNSPECIFIED)
    return max(specific, lowest.get(Category.UNSPECIFIED, 0))
