"""A small store of invented incidents for the export tests: four articles, four incidents, each telling
something the ACLED and UCDP exports must say (places and people invented; countries real for the codes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from conflictdb.records import (
    Article,
    Category,
    Claim,
    DatePrecision,
    DateValue,
    Figure,
    Mention,
    Outcome,
    Place,
    Span,
)
from conflictdb.store import Store


@dataclass(frozen=True)
class Invented:
    """One invented article and the incident it tells."""

    key: str  # the name the tests use for it
    article: Article
    mention: Mention


def _figures(*figures: tuple[Outcome, Category, int]) -> tuple[Figure, ...]:
    return tuple(Figure(outcome, category, n, n) for outcome, category, n in figures)


def _invented(
    key: str,
    text: str,
    *,
    outlet: str | None,
    url: str | None,
    source: str,
    event: tuple[str, str],
    day: dt.date,
    precision: DatePrecision,
    place: Place,
    actors: tuple[str | None, str | None],
    figures: tuple[Figure, ...],
) -> Invented:
    article = Article(
        id=f"art-{key}",
        source=source,
        text=text,
        clean_text=text,
        outlet=outlet,
        url=url,
        title=text.split(",")[0],
        published=day + dt.timedelta(days=1),
    )
    claim = Claim(Span(0, len(text)), figures, speaker="a local official")
    mention = Mention(
        article_id=article.id,
        event_type=event[0],
        sub_event_type=event[1],
        date=DateValue(day, precision, "on the day"),
        place=place,
        claims=(claim,),
        perpetrator=actors[0],
        target=actors[1],
        actor1=actors[0],
        actor2=actors[1],
    )
    return Invented(key, article, mention)


KILLED, INJURED, C = Outcome.KILLED, Outcome.INJURED, Category
INVENTED = (
    _invented(
        "raid",
        "Gunmen raided the hamlet of Tessoumbou, killing 7 villagers and wounding 2, a local official said.",
        outlet="Sahel Courier",
        url="https://sahelcourier.example/news/tessoumbou",
        source="/data/in/tessoumbou.html",
        event=("Violence against civilians", "Attack"),
        day=dt.date(2024, 3, 9),
        precision=DatePrecision.DAY,
        place=Place("Tessoumbou", country="ML", admin1="Mopti", lat=14.31, lon=-3.72, precision=1),
        actors=("Unidentified Armed Group (Mali)", "Civilians (Mali)"),
        figures=_figures((KILLED, C.CIVILIANS, 7), (INJURED, C.CIVILIANS, 2)),
    ),
    _invented(
        "clash",
        "Soldiers fought Al Shabaab near Dhuusabaley, leaving 3 soldiers and 11 militants dead.",
        outlet=None,
        url="https://www.horn-dispatch.example/2024/dhuusabaley",
        source="/data/in/dhuusabaley.txt",
        event=("Battles", "Armed clash"),
        day=dt.date(2024, 3, 4),
        precision=DatePrecision.WEEK,
        place=Place("Dhuusabaley", country="SO", admin1="Hiiraan", lat=4.12, lon=45.35, precision=2),
        actors=("Military Forces of Somalia (2022-)", "Al Shabaab"),
        figures=_figures((KILLED, C.SECURITY_FORCES, 3), (KILLED, C.MILITANTS, 11)),
    ),
    _invented(
        "march",
        "Police fired on marchers in Kiboroa, injuring 6 protesters, a local official said.",
        outlet="Lakeside Herald",
        url=None,
        source="/data/in/kiboroa.txt",
        event=("Protests", "Excessive force against protesters"),
        day=dt.date(2024, 2, 1),
        precision=DatePrecision.MONTH,
        place=Place("Kiboroa", country="KE", admin1="Kisumu", lat=-0.11, lon=34.75, precision=1),
        actors=("Police Forces of Kenya (2022-)", "Protesters (Kenya)"),
        figures=_figures((INJURED, C.CIVILIANS, 6)),
    ),
    _invented(
        "shelling",
        "Shells hit the market of Vynohradne, killing 4 civilians, a local official said.",
        outlet=None,
        url=None,
        source="/data/in/vynohradne.txt",
        event=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        day=dt.date(2024, 1, 20),
        precision=DatePrecision.DAY,
        place=Place("Vynohradne", country="UA", admin1="Donetsk", lat=48.01, lon=37.52, precision=1),
        actors=("Military Forces of Russia (2000-)", None),
        figures=_figures((KILLED, C.CIVILIANS, 4)),
    ),
)


def fill(store: Store) -> dict[str, str]:
    """Store the invented articles; return {key: incident id}."""
    for invented in INVENTED:
        store.add_article(invented.article, [invented.mention])
    ids = {}
    for row in store.incidents():
        (key,) = [i.key for i in INVENTED if i.mention.place.name == row.location]
        ids[key] = row.id
    return ids
