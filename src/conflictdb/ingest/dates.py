"""Publication dates written out in metadata lines and records ("2022-03-11 08:15:00", "March 11, 2022")."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
DATE_PATTERNS = (
    re.compile(r"(?P<year>(?:19|20)\d\d)[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
)
"""Date forms a metadata line may use, most specific first; all-numeric D/M/Y is ambiguous and skipped."""


def parse_date_text(value: str) -> dt.date | None:
    """The first unambiguous calendar date written in `value`, or None when there is none."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(value):
            date = _date_from_match(match)
            if date is not None:
                return date
    return None


def _date_from_match(match: re.Match[str]) -> dt.date | None:
    """Build a date from a match with year, month and day groups; None when it is not a real date."""
    month = match["month"]
    month_number = int(month) if month.isdigit() else month_number_of(month)
    if month_number is None:
        return None
    try:
        return dt.date(int(match["year"]), month_number, int(match["day"]))
    except ValueError:
        return None


def month_number_of(name: str) -> int | None:
    """The number of a month name as the case-blind patterns match it, or None. Those match letters
    Unicode folds to ASCII ones: long s ("ſept"), the Kelvin sign, dotted and dotless capital I ("Aprİl",
    "APRıL"), which `lower()` leaves outside the table."""
    folded = name.casefold().replace("\u0307", "").replace("ı", "i")
    return _MONTHS.get(folded)
