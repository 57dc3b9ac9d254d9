"""Publication dates written out in metadata lines and records ("2022-03-11 08:15:00", "March 11, 2022"),
their month names those of data/dates.yaml (the date lexicon's, passed in: one vocabulary of months)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class MetadataDates:
    """The month names (lower case -> number) and the date forms a metadata line may use, most specific
    first; all-numeric D/M/Y is ambiguous and not among them."""

    months: Mapping[str, int]
    patterns: tuple[re.Pattern[str], ...]


def metadata_dates(months: Mapping[str, int]) -> MetadataDates:
    """The metadata date forms built from `months` (`DateLexicon.months`: lower-case name -> number)."""
    table = MappingProxyType({name.casefold(): int(number) for name, number in months.items()})
    month = r"(?P<month>" + "|".join(sorted(table, key=len, reverse=True)) + r")\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    return MetadataDates(
        months=table,
        patterns=(
            re.compile(r"(?P<year>(?:19|20)\d\d)[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
            re.compile(rf"\b{day}\s+(?:of\s+)?{month},?\s+{year}\b", re.IGNORECASE),
            re.compile(rf"\b{month}\s+{day},?\s+{year}\b", re.IGNORECASE),
        ),
    )


def parse_date_text(value: str, dates: MetadataDates) -> dt.date | None:
    """The first unambiguous calendar date written in `value`, or None when there is none."""
    for pattern in dates.patterns:
        for match in pattern.finditer(value):
            date = _date_from_match(match, dates.months)
            if date is not None:
                return date
    return None


def _date_from_match(match: re.Match[str], months: Mapping[str, int]) -> dt.date | None:
    """Build a date from a match with year, month and day groups; None when it is not a real date."""
    month = match["month"]
    month_number = int(month) if month.isdigit() else month_number_of(month, months)
    if month_number is None:
        return None
    try:
        return dt.date(int(match["year"]), month_number, int(match["day"]))
    except ValueError:
        return None


def month_number_of(name: str, months: Mapping[str, int]) -> int | None:
    """The number of a month name as the case-blind patterns match it, or None. Those match letters
    Unicode folds to ASCII ones: long s ("ſept"), the Kelvin sign, dotted and dotless capital I ("Aprİl",
    "APRıL"), which `lower()` leaves outside the table."""
    folded = name.casefold().replace("\u0307", "").replace("ı", "i")
    return months.get(folded)
