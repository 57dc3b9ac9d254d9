"""Incidents and their mentions: dates, places, and one article's account of one incident."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from conflictdb.records.article import Article, Span
from conflictdb.records.claims import Claim
from conflictdb.records.frozen import pickled_by_fields


class DatePrecision(StrEnum):
    """How exactly a date is known (ACLED time_precision 1 = day, 2 = week, 3 = month)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as the text gives it, resolved where the publication date allows."""

    value: dt.date | None
    precision: DatePrecision | None
    text: str | None = None  # "on Wednesday night"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Place:
    """A place resolved to the administrative hierarchy.

    precision uses ACLED's geo_precision: 1 the named town, 2 near a town or part of a region,
    3 only a province or region (coded to its capital or centroid).
    """

    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    words: str | None = None  # the text it was read from, "the outskirts of Kandahar"


ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")  # ACLED's actor columns, in its order


def place_columns(place: Place | None, name: str) -> dict[str, str | float | int | None]:
    """A place as the flat columns that stores and formats write, its name under `name`; all None
    without a place."""
    if place is None:
        return dict.fromkeys((name, "country", "admin1", "admin2", "lat", "lon", "geo_precision"))
    return {
        name: place.name,
        "country": place.country,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "lat": place.lat,
        "lon": place.lon,
        "geo_precision": place.precision,
    }


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """One article's account of one incident."""

    article_id: str
    event_type: str  # ACLED event type, e.g. "Explosions/Remote violence"
    sub_event_type: str  # ACLED sub-event type, e.g. "Air/drone strike"
    date: DateValue
    place: Place | None
    claims: tuple[Claim, ...] = ()
    perpetrator: str | None = None
    target: str | None = None
    span: Span | None = None  # the stretch of the article that tells it
    background: bool = False  # an older event told as context, not news
    incident_id: str | None = None
    index: int = 0  # order within the article
    # the sub-event type rests on words that name no weapon (a bare "strike"): a default, or a weapon read
    # from another sentence; linking does not hold it against a neighbouring class (air vs shelling)
    type_guessed: bool = False
    # the actors under ACLED's names (extract.actor_names): who acted, whom it hit, associated actors
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world event and every mention of it across articles."""

    id: str
    mentions: tuple[Mention, ...] = field(default_factory=tuple)


Result = tuple[Article, list[Mention]]  # an article, cleaned, and the mentions extraction found in it
