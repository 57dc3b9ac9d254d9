"""Blocking: every compatible pair is proposed, and pairs across two sides are those in the window."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.records import (
    Article,
    DatePrecision,
    DateValue,
    Mention,
    Place,
)
from conflictdb.resolve.blocking import DayIndex, candidate_pairs
from conflictdb.resolve.link import day_of, load_link_lexicon
from conflictdb.resolve.pair_rules import (
    compatible,
)

LEXICON = load_link_lexicon()

PLACES = [None, Place("A", "AF", "Kandahar"), Place("B", "AF", "Kabul"), Place("C", "AF", None),
          Place("D", "SO", "Banadir"), Place("E", None, None)]  # fmt: skip


@st.composite
def mention(draw, index: int) -> tuple[Article, Mention]:
    day = draw(st.one_of(st.none(), st.integers(0, 12)))
    precision = draw(st.sampled_from([DatePrecision.DAY, DatePrecision.WEEK]))
    date = (
        DateValue(dt.date(2020, 3, 1) + dt.timedelta(days=day), precision)
        if day is not None
        else DateValue(None, None)
    )
    article = Article(id=f"a{index}", source="x", text="")
    return article, Mention(
        f"a{index}", "Battles", "Armed clash", date, draw(st.sampled_from(PLACES)), index=0
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 14).flatmap(lambda n: st.tuples(*(mention(i) for i in range(n)))))
def test_blocking_blocking_keeps_every_compatible_pair(items: tuple[tuple[Article, Mention], ...]) -> None:
    mentions = [m for _, m in items]
    blocked = set(candidate_pairs(mentions, LEXICON.max_date_gap_days))
    assert len(blocked) == len(list(candidate_pairs(mentions, LEXICON.max_date_gap_days)))  # no repeats
    for (i, (pa, a)), (j, (pb, b)) in combinations(enumerate(items), 2):
        if compatible(a, pa, b, pb, LEXICON):
            assert (i, j) in blocked


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 16).flatmap(lambda n: st.tuples(*(mention(i) for i in range(n)))), st.integers(0, 3))
def test_blocking_day_index_pairs_each_side_with_the_other_in_the_window(
    items: tuple[tuple[Article, Mention], ...], max_days: int
) -> None:
    """Pairs across two sides (new mentions against thousands of held ones) are found by bisection: exactly
    the pairs of one mention of each side that are within the window or not both dated to the day."""
    mentions = [m for _, m in items]
    left, right = list(range(0, len(mentions), 2)), list(range(1, len(mentions), 2))
    found = list(DayIndex.of(right, mentions).pairs(left, mentions, max_days))
    expected = {
        (min(i, j), max(i, j))
        for i in left
        for j in right
        if None in (day_of(mentions[i]), day_of(mentions[j]))
        or abs((day_of(mentions[i]) - day_of(mentions[j])).days) <= max_days
    }
    assert len(found) == len(set(found))
    assert set(found) == expected
