"""Cross-article linking: blocking finds every compatible pair; mentions of one incident share an id."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.records import Article, DatePrecision, DateValue, Mention, Place
from conflictdb.resolve.link import candidate_pairs, compatible, load_link_lexicon, required_similarity

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
def test_link_blocking_keeps_every_compatible_pair(items: tuple[tuple[Article, Mention], ...]) -> None:
    mentions = [m for _, m in items]
    blocked = set(candidate_pairs(mentions, LEXICON.max_date_gap_days))
    assert len(blocked) == len(list(candidate_pairs(mentions, LEXICON.max_date_gap_days)))  # no repeats
    for (i, (pa, a)), (j, (pb, b)) in combinations(enumerate(items), 2):
        if compatible(a, pa, b, pb, LEXICON):
            assert (i, j) in blocked


def _bombing(place: Place) -> Mention:
    day = DateValue(dt.date(2023, 7, 18), DatePrecision.DAY)
    return Mention("a", "Explosions/Remote violence", "Remote explosive/landmine/IED", day, place)


def test_link_towns_far_apart_need_more_similarity_than_one_town() -> None:
    mir_ali = Place("Mir Ali", "PK", "Khyber Pakhtunkhwa", lat=32.97, lon=70.28, precision=1)
    miran_shah = Place("Miran Shah", "PK", "Khyber Pakhtunkhwa", lat=33.00, lon=70.07, precision=1)  # 20 km
    dera = Place("Dera Ismail Khan", "PK", "Khyber Pakhtunkhwa", lat=31.83, lon=70.90, precision=1)  # 140 km
    province = Place("Khyber Pakhtunkhwa", "PK", "Khyber Pakhtunkhwa", lat=34.0, lon=71.5, precision=3)
    same = required_similarity(_bombing(mir_ali), _bombing(mir_ali), LEXICON)
    near = required_similarity(_bombing(mir_ali), _bombing(miran_shah), LEXICON)
    far = required_similarity(_bombing(mir_ali), _bombing(dera), LEXICON)
    vague = required_similarity(_bombing(dera), _bombing(province), LEXICON)  # a province says nothing
    assert same < near == vague < far
    assert far - near == pytest.approx(LEXICON.distant_place_penalty)
