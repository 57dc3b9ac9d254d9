"""An analyst's values checked before a correction records them: places (completed from the gazetteer),
dates, actors and figures; EditError naming what is wrong otherwise."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from conflictdb.errors import EditError
from conflictdb.formats import figure_fields
from conflictdb.records import ACTOR_COLUMNS, DatePrecision, Figure, Place

if TYPE_CHECKING:
    from conflictdb.geo.gazetteer import Gazetteer
    from conflictdb.store.names import AcledNames

ACTOR_FIELDS = ACTOR_COLUMNS  # actor1, assoc_actor_1, actor2, assoc_actor_2, as ACLED names them
GEO_PRECISIONS = (1, 2, 3)  # ACLED's: the town, near it or part of a region, only the region


def checked_place(place: Place, names: AcledNames, *, country_needed: bool = True) -> Place:
    """A place an analyst gives: a location, a country code ACLED knows (`names`: every ISO 3166-1 code and
    Kosovo's; or none, when the gazetteer is to find it: not `country_needed`), coordinates in range (both
    or neither) and ACLED's geo_precision 1-3; names trimmed. EditError otherwise."""
    name = place.name.strip()
    country = (place.country or "").strip().upper()
    if not name:
        raise EditError("a place needs a location name")
    if not country and country_needed:
        raise EditError("a place needs its country (ISO 3166-1 alpha-2, e.g. SO)")
    if country and (not re.fullmatch(r"[A-Z]{2}", country) or country.casefold() not in names.countries):
        raise EditError(f"unknown country code {place.country!r} (ISO 3166-1 alpha-2, e.g. SO)")
    if (place.lat is None) != (place.lon is None):
        raise EditError("give both latitude and longitude, or neither")
    lat, lon = place.lat, place.lon
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise EditError(f"coordinates out of range: {place.lat}, {place.lon}")
    if place.precision is not None and place.precision not in GEO_PRECISIONS:
        raise EditError(f"geo_precision is one of {GEO_PRECISIONS}, not {place.precision}")
    admin1, admin2 = ((a or "").strip() or None for a in (place.admin1, place.admin2))
    return Place(name, country or None, admin1, admin2, place.lat, place.lon, place.precision)


def located_place(
    place: Place, gazetteer: Gazetteer | None, names: AcledNames, *, country_before: str | None = None
) -> Place:
    """A corrected place, checked and completed from the gazetteer (geo.lookup: admin names, point and
    precision as extraction codes them), so the incident stays on the map and in its region; without a
    gazetteer the analyst must give the country and the coordinates; a name found in several countries
    is taken in `country_before` (the incident's until now) when none is given. EditError otherwise."""
    checked = checked_place(place, names, country_needed=gazetteer is None)
    if gazetteer is not None:
        from conflictdb.geo.lookup import geocoded_place  # the geo package loads only for a place edit

        checked = checked_place(geocoded_place(checked, gazetteer, country_before=country_before), names)
    if checked.lat is None:
        raise EditError(f"{checked.name!r} needs coordinates (latitude and longitude), or the gazetteer")
    return checked


def parse_date(text: str, precision: DatePrecision | str | None = None) -> tuple[dt.date, DatePrecision]:
    """An analyst's date: YYYY-MM-DD (a day), YYYY-MM (a month), YYYY (a year), with its precision given or
    read from the form ("2025-08-04" with "week": the week of that day). EditError otherwise."""
    forms = {
        10: ("%Y-%m-%d", DatePrecision.DAY),
        7: ("%Y-%m", DatePrecision.MONTH),
        4: ("%Y", DatePrecision.YEAR),
    }
    written = text.strip()
    form = forms.get(len(written))
    try:
        if form is None:
            raise ValueError(written)
        day = dt.datetime.strptime(written, form[0]).date()
        told = DatePrecision(precision) if precision else form[1]
    except ValueError:
        kinds = ", ".join(DatePrecision)
        raise EditError(
            f"a date is YYYY-MM-DD, YYYY-MM or YYYY, and its precision one of {kinds}; not {text!r}"
            + (f" ({precision})" if precision else "")
        ) from None
    return day, told


def checked_actors(actors: Mapping[str, str | None]) -> dict[str, str | None]:
    """Actor columns an analyst gives (ACLED names, spaces tidied; empty clears one); actor1 cannot be
    cleared, and only the four actor columns are known. EditError otherwise."""
    unknown = sorted(set(actors) - set(ACTOR_FIELDS))
    if unknown:
        raise EditError(f"unknown actor field {', '.join(unknown)}; one of {', '.join(ACTOR_FIELDS)}")
    tidy = {name: " ".join((value or "").split()) or None for name, value in actors.items()}
    if "actor1" in tidy and tidy["actor1"] is None:
        raise EditError("actor1 cannot be empty: give the actor's ACLED name")
    return tidy


def checked_figure(figure: Figure) -> Figure:
    """A figure an analyst gives: a number (or a vague word), no negative counts, min not above max."""
    counts = (figure.min, figure.max, figure.women, figure.children)
    if any(value is not None and value < 0 for value in counts):
        raise EditError(f"a count cannot be negative: {figure_fields(figure)}")
    if not figure.has_number and not figure.vague:
        raise EditError("a figure needs a min, a max or both")
    if figure.min is not None and figure.max is not None and figure.min > figure.max:
        raise EditError(f"min {figure.min} is above max {figure.max}")
    return figure
