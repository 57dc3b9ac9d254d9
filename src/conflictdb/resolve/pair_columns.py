"""The pair rules of resolve.pair_rules over a batch's pairs at once, as numpy columns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy

from conflictdb.resolve.link import LinkLexicon
from conflictdb.resolve.pair_rules import PairTraits, evidence_meets, evidence_parts, km_between


@dataclass(frozen=True, slots=True)
class TraitColumns:
    """The PairTraits of a batch's mentions as columns, one row a mention, so that the checks of
    _apart_enough, _required and with_speaker_bonus run over hundreds of thousands of pairs at once,
    giving the same answers and the same floats (each float made by the same operations in the same order)."""

    article: numpy.ndarray  # an id per article
    published: numpy.ndarray  # the publication day's ordinal (0: unknown)
    coarse: numpy.ndarray  # an id per coarse class
    family: numpy.ndarray  # an id per sub-event family
    district: numpy.ndarray  # an id per district name (-1: none known)
    day: numpy.ndarray  # the day's ordinal (0: not dated to the day)
    town: numpy.ndarray  # an id per town name (-1: no town)
    small: numpy.ndarray  # PairTraits.small
    placed: numpy.ndarray  # placed in a country at least
    point: numpy.ndarray  # an id per (lat, lon) point (-1: none)
    points: list[tuple[float, float]]  # the points by id
    speakers: list[frozenset[str]]  # named_speakers, by row
    tolls: list[frozenset[str]]  # toll_terms, by row
    timeless: numpy.ndarray  # PairTraits.timeless
    kind: numpy.ndarray  # an id per sub-event class (PairTraits.kind)
    area_only: numpy.ndarray  # PairTraits.area_only
    evidence: list[frozenset[str]]  # PairTraits.evidence, by row
    evidence_id: numpy.ndarray  # an id per distinct PairTraits.evidence (-1: none)
    evidence_sets: list[frozenset[str]]  # the evidence by id
    weekday: numpy.ndarray  # PairTraits.weekday (-1: none)

    @classmethod
    def of(cls, traits: list[PairTraits], speakers: list[frozenset[str]]) -> TraitColumns:
        ids: dict[object, dict[object, int]] = defaultdict(dict)

        def column(name: str, values: Iterable[object]) -> numpy.ndarray:
            table = ids[name]
            return numpy.array(
                [-1 if v is None else table.setdefault(v, len(table)) for v in values], dtype=numpy.intp
            )

        point = column("point", (t.point for t in traits))
        return cls(
            article=column("article", (t.article_id for t in traits)),
            published=numpy.array(
                [t.published.toordinal() if t.published else 0 for t in traits], dtype=numpy.intp
            ),
            coarse=column("coarse", (t.coarse for t in traits)),
            family=column("family", (t.family for t in traits)),
            district=column("district", (t.admin2 for t in traits)),
            day=numpy.array([t.day.toordinal() if t.day else 0 for t in traits], dtype=numpy.intp),
            town=column("town", (t.town for t in traits)),
            small=numpy.array([t.small for t in traits], dtype=bool),
            placed=numpy.array([bool(t.country) for t in traits], dtype=bool),
            point=point,
            points=list(ids["point"]),
            speakers=speakers,
            tolls=[t.tolls for t in traits],
            timeless=numpy.array([t.timeless for t in traits], dtype=bool),
            kind=column("kind", (t.kind for t in traits)),
            area_only=numpy.array([t.area_only for t in traits], dtype=bool),
            evidence=[t.evidence for t in traits],
            evidence_id=column("evidence", (t.evidence or None for t in traits)),
            evidence_sets=list(ids["evidence"]),
            weekday=numpy.array([-1 if t.weekday is None else t.weekday for t in traits], dtype=numpy.intp),
        )

    def apart_enough(self, a: numpy.ndarray, b: numpy.ndarray, lexicon: LinkLexicon) -> numpy.ndarray:
        """_apart_enough of the pairs (a[k], b[k])."""
        known = (self.published[a] > 0) & (self.published[b] > 0)
        gap = numpy.where(known, numpy.abs(self.published[a] - self.published[b]), 0)
        apart = (self.article[a] != self.article[b]) & (gap <= lexicon.max_published_gap_days)
        apart &= (self.family[a] == self.family[b]) & (self.placed[a] == self.placed[b])
        district_a, district_b = self.district[a], self.district[b]
        undated = (self.day[a] == 0) | (self.day[b] == 0)
        apart &= ~undated | (self.coarse[a] == self.coarse[b])
        located = (self.point[a] >= 0) & (self.point[b] >= 0)
        two_districts = ~located & (district_a >= 0) & (district_b >= 0) & (district_a != district_b)
        apart &= ~two_districts
        timeless = apart & (self.timeless[a] | self.timeless[b])
        if timeless.any():
            apart[timeless] = self._timeless_joins(a[timeless], b[timeless], lexicon.toll_match_ratio)
        near = self._within(a, b, located & apart, lexicon.places_apart_km)
        return apart & (~located | near)

    def _timeless_joins(self, a: numpy.ndarray, b: numpy.ndarray, ratio: float) -> numpy.ndarray:
        """_timeless_joins of the pairs (a[k], b[k])."""
        town, district = self.town, self.district
        joins = (self.kind[a] == self.kind[b]) & (
            self.area_only[a]
            | self.area_only[b]
            | ((town[a] >= 0) & (town[a] == town[b]))
            | ((district[a] >= 0) & (district[a] == district[b]))
        )
        shared = self.evidence_meets(a, b, joins, ratio)
        weekday = (self.weekday[a] >= 0) & (self.weekday[a] == self.weekday[b])
        return weekday | (joins & shared)

    def evidence_meets(
        self, a: numpy.ndarray, b: numpy.ndarray, chosen: numpy.ndarray, ratio: float, *, least: int = 1
    ) -> numpy.ndarray:
        """strong_evidence of the chosen pairs (False for the others), weighed once per two distinct sets of
        evidence: a long list of reports against a store repeats the same tolls and speakers many times."""
        met = numpy.zeros(len(a), dtype=bool)
        rows = numpy.flatnonzero(chosen & (self.evidence_id[a] >= 0) & (self.evidence_id[b] >= 0))
        if not len(rows):
            return met
        width = len(self.evidence_sets)
        pair_ids = self.evidence_id[a[rows]].astype(numpy.int64) * width + self.evidence_id[b[rows]]
        unique, where = numpy.unique(pair_ids, return_inverse=True)
        sets, parts = self.evidence_sets, {}
        for i in numpy.unique(numpy.concatenate([unique // width, unique % width])).tolist():
            parts[i] = evidence_parts(sets[i], least)  # each set read once, however many pairs it is in
        weighed = numpy.array(
            [evidence_meets(parts[i // width], parts[i % width], ratio) for i in unique.tolist()], dtype=bool
        )
        met[rows] = weighed[where.reshape(-1)]
        return met

    def _within(self, a: numpy.ndarray, b: numpy.ndarray, chosen: numpy.ndarray, km: float) -> numpy.ndarray:
        """Whether the points of the chosen pairs (both located) lie at most `km` apart."""
        within = numpy.zeros(len(a), dtype=bool)
        measured: dict[tuple[int, int], bool] = {}  # towns repeat: each pair of points measured once
        rows = numpy.flatnonzero(chosen)
        for k, p, q in zip(
            rows.tolist(), self.point[a[rows]].tolist(), self.point[b[rows]].tolist(), strict=True
        ):
            if (p, q) not in measured:
                measured[(p, q)] = km_between(self.points[p], self.points[q]) <= km
            within[k] = measured[(p, q)]
        return within

    def required(self, a: numpy.ndarray, b: numpy.ndarray, lexicon: LinkLexicon) -> numpy.ndarray:
        """_required of the pairs (a[k], b[k])."""
        required = lexicon.min_similarity + numpy.where(
            self.coarse[a] == self.coarse[b], 0.0, lexicon.other_class_penalty
        )
        day_a, day_b = self.day[a], self.day[b]
        same_day = (day_a > 0) & (day_a == day_b)
        undated = (day_a == 0).astype(int) + (day_b == 0)
        required = numpy.where(same_day, required - lexicon.same_day_discount, required)
        required = numpy.where(undated > 0, required + lexicon.undated_penalty * undated, required)
        weekday = self.weekday[a]
        same_weekday = (undated > 0) & (weekday >= 0) & (weekday == self.weekday[b])
        same_weekday = self.evidence_meets(
            a, b, same_weekday, lexicon.toll_match_ratio, least=lexicon.same_weekday_least_toll
        )
        required = numpy.where(same_weekday, required - lexicon.same_weekday_discount, required)
        same_town = self.small[a] & (self.town[a] == self.town[b])
        located = ~same_town & (self.point[a] >= 0) & (self.point[b] >= 0)
        far = numpy.zeros(len(a), dtype=bool)
        km: dict[tuple[int, int], bool] = {}  # towns repeat: each pair of points measured once
        for k, (p, q) in zip(
            numpy.flatnonzero(located).tolist(),
            zip(self.point[a][located].tolist(), self.point[b][located].tolist(), strict=True),
            strict=True,
        ):
            if (p, q) not in km:
                km[(p, q)] = km_between(self.points[p], self.points[q]) > lexicon.distant_km
            far[k] = km[(p, q)]
        required = numpy.where(same_town, required - lexicon.same_place_discount, required)
        return numpy.where(far, required + lexicon.distant_place_penalty, required)

    def with_speaker_bonus(
        self, cosines: numpy.ndarray, a: numpy.ndarray, b: numpy.ndarray, lexicon: LinkLexicon
    ) -> numpy.ndarray:
        """with_speaker_bonus of the pairs' cosines, plus shared_toll_bonus where the two share a toll term
        (as similarity() adds it)."""
        cosines = numpy.where(
            self._share(self.speakers, a, b), cosines + lexicon.shared_speaker_bonus, cosines
        )
        return numpy.where(self._share(self.tolls, a, b), cosines + lexicon.shared_toll_bonus, cosines)

    @staticmethod
    def _share(sets: list[frozenset[str]], a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
        """Whether the sets of rows a[k] and b[k] meet."""
        held = numpy.array([bool(s) for s in sets], dtype=bool)
        both = numpy.flatnonzero(held[a] & held[b])
        shared = numpy.zeros(len(a), dtype=bool)
        shared[both] = [
            bool(sets[i] & sets[j]) for i, j in zip(a[both].tolist(), b[both].tolist(), strict=True)
        ]
        return shared
