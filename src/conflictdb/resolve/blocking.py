"""Blocking: the pairs of mentions worth comparing, as an analyst would pick them (one country and
province, or one of them unknown; days within the window)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from conflictdb.records import Mention
from conflictdb.resolve.link import day_of


def candidate_pairs(mentions: list[Mention], max_days: int) -> Iterator[tuple[int, int]]:
    """Pairs worth comparing, blocked as an analyst would: the same country and admin1 (or one of them
    unknown), and, when both are dated to the day, within the date window."""
    blocks: dict[tuple[str | None, str | None], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        place = m.place
        blocks[(place.country if place else None, place.admin1 if place else None)].append(i)
    keys = list(blocks)
    for x, kx in enumerate(keys):
        for ky in keys[x:]:
            if not blocks_meet(kx, ky):
                continue
            yield from _pairs_in_window(blocks[kx], blocks[ky] if ky != kx else None, mentions, max_days)


def blocks_meet(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    if a[0] and b[0] and a[0] != b[0]:
        return False
    return not (a[1] and b[1] and a[1] != b[1])


def _pairs_in_window(
    left: list[int], right: list[int] | None, mentions: list[Mention], max_days: int
) -> Iterator[tuple[int, int]]:
    """Pairs within one block (right is None) or across two (DayIndex.pairs); dated pairs only inside
    the window."""
    if right is not None:
        yield from DayIndex.of(right, mentions).pairs(left, mentions, max_days)
        return
    tagged = [(day_of(mentions[i]), i) for i in left]
    undated = [t for t in tagged if t[0] is None]
    dated = sorted((t for t in tagged if t[0] is not None), key=lambda t: t[0])
    start = 0
    for k, (day, i) in enumerate(dated):
        while (day - dated[start][0]).days > max_days:
            start += 1
        for _other_day, j in dated[start:k]:
            yield (i, j) if i < j else (j, i)
    for _day, i in undated:
        for other_day, j in tagged:
            if j != i and (other_day is not None or i < j):
                yield (i, j) if i < j else (j, i)


@dataclass(frozen=True, slots=True)
class DayIndex:
    """The mentions of one side of a block pair, by day: a mention of the other side finds its partners in
    the window by bisection, so pairing a few new mentions with thousands of held ones costs what the
    pairs cost, not the held mentions squared."""

    ordinals: list[int]  # the days of the dated mentions, sorted (ordinals)
    dated: list[int]  # their positions, in that order
    undated: list[int]  # positions of mentions not dated to the day, in the order given

    @classmethod
    def of(cls, positions: Iterable[int], mentions: list[Mention]) -> DayIndex:
        tagged = [(day_of(mentions[i]), i) for i in positions]
        dated = sorted(((d.toordinal(), i) for d, i in tagged if d is not None), key=lambda t: t[0])
        return cls([d for d, _ in dated], [i for _, i in dated], [i for d, i in tagged if d is None])

    def pairs(self, left: Iterable[int], mentions: list[Mention], max_days: int) -> Iterator[tuple[int, int]]:
        """Each mention of `left` with each of this side in its window (every one, when either is not dated
        to the day), as (smaller, larger) positions."""
        everyone = None
        for i in left:
            day = day_of(mentions[i])
            if day is None:
                everyone = everyone if everyone is not None else [*self.dated, *self.undated]
                others: Iterable[int] = everyone
            else:
                lo = bisect_left(self.ordinals, day.toordinal() - max_days)
                hi = bisect_right(self.ordinals, day.toordinal() + max_days)
                others = chain(self.dated[lo:hi], self.undated)
            for j in others:
                yield (i, j) if i < j else (j, i)


def day_range(
    a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None
) -> tuple[dt.date, dt.date] | None:
    """The first and last day of two (first, last) ranges, either maybe None."""
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])
