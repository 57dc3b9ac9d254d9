"""Incident summaries from their mentions: pure functions over records, recomputed on every change."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from conflictdb.formats import figures_record
from conflictdb.records import ACTOR_COLUMNS, Article, DatePrecision, DateValue, Mention, Place, place_columns
from conflictdb.resolve.grade import TextCues, grade_incident
from conflictdb.resolve.reconcile import ReconcileRules, reconcile_incident

_PRECISION_RANK = {DatePrecision.DAY: 0, DatePrecision.WEEK: 1, DatePrecision.MONTH: 2, DatePrecision.YEAR: 3}


def incident_fatalities(
    mentions: Iterable[Mention], articles: Sequence[Article] = (), *, rules: ReconcileRules
) -> int | None:
    """ACLED's fatalities of an incident: the summary's `fatalities` (see resolve.reconcile)."""
    return reconcile_incident(list(mentions), articles, rules=rules).fatalities


def _most_common(values: Iterable[Any]) -> Any:
    """The most frequent non-None value, the earliest seen on ties."""
    counts = Counter(v for v in values if v is not None)
    return max(counts, key=counts.__getitem__) if counts else None  # max keeps the first of equals


def _best_date(mentions: Sequence[Mention]) -> DateValue | None:
    """The most frequent of the most precise dates."""
    dated = [m.date for m in mentions if m.date.value is not None]
    if not dated:
        return None
    best = min(_PRECISION_RANK.get(d.precision, 9) for d in dated)  # type: ignore[arg-type]
    return _most_common(d for d in dated if _PRECISION_RANK.get(d.precision, 9) == best)  # type: ignore[arg-type]


def _best_place(mentions: Sequence[Mention]) -> Place | None:
    """The most precise place, preferring one with coordinates, then the most frequent."""
    places = [m.place for m in mentions if m.place is not None]
    if not places:
        return None
    counts = Counter(places)
    return min(places, key=lambda p: (p.lat is None or p.lon is None, p.precision or 9, -counts[p]))


def _actors(mentions: Sequence[Mention]) -> dict[str, str | None]:
    """The incident's actors under ACLED's names: the most frequent actor1 and, of the mentions giving it,
    the most frequent actor2 and associated actors (one mention's coding kept together)."""
    actor1 = _most_common(m.actor1 for m in mentions)
    agreeing = [m for m in mentions if m.actor1 == actor1] or list(mentions)
    values = {"actor1": actor1}
    for name in ACTOR_COLUMNS[1:]:
        values[name] = _most_common(getattr(m, name) for m in agreeing)
    return values


def summarise_incident(
    mentions: Sequence[Mention],
    articles: Sequence[Article] = (),
    *,
    rules: ReconcileRules,
    cues: Sequence[TextCues | None] = (),
) -> dict[str, Any]:
    """The incident's summary columns from its mentions (background mentions only if nothing else) and
    their articles (publication order, outlets, copy groups and the texts grading reads). An incident
    every mention tells as context (an older event, a total over many) is `background`: it keeps its
    figures to be shown, and lists, exports and totals leave it out. `cues` (one per mention, None where
    unknown) stand for what grading would find in a mention's texts."""
    known = list(cues) + [None] * (len(mentions) - len(cues))
    news = [(m, c) for m, c in zip(mentions, known, strict=True) if not m.background]
    told = news or list(zip(mentions, known, strict=True))
    primary = [m for m, _ in told]
    figures = reconcile_incident(primary, articles, rules=rules)
    grade = grade_incident(primary, articles, figures, rules=rules, cues=[c for _, c in told])
    kind = _most_common((m.event_type, m.sub_event_type) for m in primary) or (None, None)
    date = _best_date(primary)
    place = _best_place(primary)
    return {
        "event_type": kind[0],
        "sub_event_type": kind[1],
        "date": date.value if date else None,
        "date_precision": str(date.precision) if date and date.precision else None,
        **place_columns(place, "location"),
        **_actors(primary),
        "fatalities": figures.fatalities,
        "figures_json": json.dumps(figures_record(figures), ensure_ascii=False, sort_keys=True),
        "grade": grade.grade.value,
        "grade_reason": "; ".join(grade.reasons),
        "background": not news,
    }
