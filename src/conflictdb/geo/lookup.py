"""A place an analyst names, found in the gazetteer: its country, admin1, admin2, point and precision, as
extraction would code it (geo.resolve), so a corrected incident stays on the map and in its region."""

from __future__ import annotations

from dataclasses import replace

from conflictdb.errors import EditError
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.resolve import country_place
from conflictdb.records import Place
from conflictdb.records.places import GazPlace, PlaceKind

KIND_ORDER = (PlaceKind.CITY, PlaceKind.ADMIN2, PlaceKind.ADMIN1, PlaceKind.COUNTRY)  # a name's likeliest
PRECISION = {PlaceKind.CITY: 1, PlaceKind.ADMIN2: 2, PlaceKind.ADMIN1: 3, PlaceKind.COUNTRY: 3}  # ACLED's


def _fold(name: str | None, gazetteer: Gazetteer) -> str:
    return (gazetteer.rules.bare.spoken(name) or "").casefold()


def _candidates(place: Place, gazetteer: Gazetteer) -> list[GazPlace]:
    """The gazetteer's places of that name (or spelt alike), in the country and admin1 given."""
    found = gazetteer.candidates(place.name) or gazetteer.similar_candidates(place.name)
    if place.country:
        found = [p for p in found if p.country == place.country]
    if place.admin1:
        wanted = _fold(place.admin1, gazetteer)
        found = [
            p
            for p in found
            if wanted
            in (_fold(p.admin1, gazetteer), _fold(p.name, gazetteer), _fold(p.ascii_name, gazetteer))
        ]
    return found


def _coded(chosen: GazPlace, gazetteer: Gazetteer) -> Place:
    """A gazetteer place as a records.Place: a town itself, a district at its own point, a province at its
    seat (largest town), a country at its own point."""
    if chosen.kind is PlaceKind.COUNTRY:
        return country_place(chosen.country or "", None, gazetteer)
    name, admin2, lat, lon = chosen.ascii_name, chosen.admin2, chosen.lat, chosen.lon
    if chosen.kind is PlaceKind.ADMIN2:
        admin2 = chosen.admin2 or chosen.ascii_name
    if chosen.kind is PlaceKind.ADMIN1 and (seat := gazetteer.seat(chosen)) is not None:
        name, admin2, lat, lon = seat.ascii_name, seat.admin2, seat.lat, seat.lon
    admin1 = chosen.admin1 or (chosen.ascii_name if chosen.kind is PlaceKind.ADMIN1 else None)
    spoken = gazetteer.rules.bare.spoken
    return Place(
        name=spoken(name) or name,
        country=chosen.country,
        admin1=spoken(admin1),
        admin2=spoken(admin2),
        lat=lat,
        lon=lon,
        precision=PRECISION[chosen.kind],
    )


def _within(place: Place, gazetteer: Gazetteer) -> Place | None:
    """A place the gazetteer does not know ("the livestock market of a town"), coded as ACLED codes one:
    its own name at the point of the admin2 (precision 2) or else the admin1 (precision 3) the analyst
    names; None when neither is known."""
    for unit, precision in ((place.admin2, 2), (place.admin1, 3)):
        if not unit:
            continue
        found = _candidates(
            replace(place, name=unit, admin1=None if precision == 3 else place.admin1), gazetteer
        )
        if found and len({p.country for p in found}) == 1:
            coded = _coded(_likeliest(found), gazetteer)
            return replace(coded, name=place.name, precision=max(precision, coded.precision or 0))
    return None


def _likeliest(found: list[GazPlace]) -> GazPlace:
    return min(found, key=lambda p: (KIND_ORDER.index(p.kind), -p.population, p.id))


def geocoded_place(place: Place, gazetteer: Gazetteer, *, country_before: str | None = None) -> Place:
    """The place an analyst gives, completed from the gazetteer: a town before a district of that name,
    before a province, the most populous first; a name the gazetteer lacks at the admin2 or admin1 the
    analyst gives. What the analyst gave (admin names, coordinates, precision) stands over what the
    gazetteer says. A name in several countries, the country not given, is taken in `country_before`
    (the incident's until now) when it is there. EditError when it is not, or the place cannot be placed
    and no coordinates are given."""
    found = _candidates(place, gazetteer)
    if not place.country and country_before and any(p.country == country_before for p in found):
        found = [p for p in found if p.country == country_before]
    countries = sorted({p.country for p in found if p.country})
    if len(countries) > 1:
        raise EditError(f"{place.name!r} is in {', '.join(countries)}: give the country")
    coded = _coded(_likeliest(found), gazetteer) if found else _within(place, gazetteer)
    if coded is None:
        if place.lat is not None and place.lon is not None:
            return place
        where = f" in {place.country}" if place.country else ""
        where += f", {place.admin1}" if place.admin1 else ""
        raise EditError(
            f"{place.name!r} is not in the gazetteer{where}: give its coordinates (latitude and "
            "longitude), its admin2 or admin1, or another spelling"
        )
    given = {
        "admin1": place.admin1,
        "admin2": place.admin2,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision,
    }
    return replace(coded, **{name: value for name, value in given.items() if value is not None})
