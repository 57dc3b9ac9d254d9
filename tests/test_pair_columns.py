"""The pair rules as columns give the answers and floats of the rules one pair at a time."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import numpy
from hypothesis import given, settings
from hypothesis import strategies as st

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
from conflictdb.resolve.link import load_link_lexicon
from conflictdb.resolve.pair_columns import TraitColumns
from conflictdb.resolve.pair_rules import (
    PairTraits,
    _apart_enough,
    _required,
)
from conflictdb.resolve.similarity import with_speaker_bonus

LEXICON = load_link_lexicon()

_TOWNS = [None, Place("Lower Fenwick", "KE", "Tana", lat=-1.5, lon=40.0, precision=1),
          Place("Garsen Ward", "KE", "Tana", "Garsen", precision=2),
          Place("Bura", "KE", "Tana", "Bura", precision=2),
          Place("Upper Fenwick", "KE", "Tana", lat=-1.6, lon=40.1, precision=2),
          Place("Marsh End", "KE", "Tana", lat=0.9, lon=39.1, precision=1),
          Place("Tana", "KE", "Tana", lat=-1.4, lon=40.0, precision=1),
          Place("Tana", "KE", "Tana", precision=3),
          Place("Kenya", "KE", None, precision=3)]  # fmt: skip


@st.composite
def _traits(draw) -> tuple[PairTraits, frozenset[str]]:
    """The traits of a mention drawn from a few articles, days, classes, towns and named speakers."""
    article_id = draw(st.sampled_from(["a", "b", "c"]))
    day = draw(st.one_of(st.none(), st.integers(0, 3)))
    date = (
        DateValue(dt.date(2030, 5, 1) + dt.timedelta(days=day), DatePrecision.DAY)
        if day is not None
        else DateValue(None, None, draw(st.sampled_from([None, "on Thursday", "late on Friday"])))
    )
    killed = draw(st.sampled_from([None, 0, 1, 2, 3, 20, 30]))
    figures = (Figure(Outcome.KILLED, Category.UNSPECIFIED, killed, killed),) if killed is not None else ()
    published = draw(st.one_of(st.none(), st.sampled_from([dt.date(2030, 5, 2), dt.date(2030, 9, 1)])))
    sub_event = draw(st.sampled_from(["Armed clash", "Air/drone strike", "Attack", "Agreement"]))
    mention = Mention(
        article_id,
        "Battles",
        sub_event,
        date,
        draw(st.sampled_from(_TOWNS)),
        claims=(Claim(evidence=Span(0, 1), figures=figures),),
        type_guessed=draw(st.booleans()),
    )
    article = Article(id=article_id, source="x", text="", published=published)
    speakers = frozenset(draw(st.sets(st.sampled_from(["ada okoro", "ben ladd"]), max_size=2)))
    return PairTraits.of(mention, article, LEXICON, speakers=speakers), speakers


@settings(max_examples=60, deadline=None)
@given(st.lists(_traits(), min_size=2, max_size=8), st.lists(st.floats(0.0, 1.0), min_size=28, max_size=28))
def test_pair_columns_trait_columns_give_the_answers_and_floats_of_one_pair_at_a_time(
    drawn: list[tuple[PairTraits, frozenset[str]]], cosines: list[float]
) -> None:
    traits, speakers = [t for t, _ in drawn], [s for _, s in drawn]
    pairs = list(combinations(range(len(traits)), 2))
    columns = TraitColumns.of(traits, speakers)
    a, b = (numpy.array(side, dtype=numpy.intp) for side in zip(*pairs, strict=True))
    cosines = cosines[: len(pairs)]
    assert columns.apart_enough(a, b, LEXICON).tolist() == [
        _apart_enough(traits[i], traits[j], LEXICON) for i, j in pairs
    ]
    assert columns.required(a, b, LEXICON).tolist() == [
        _required(traits[i], traits[j], LEXICON) for i, j in pairs
    ]
    bonus = columns.with_speaker_bonus(numpy.array(cosines), a, b, LEXICON).tolist()
    toll = LEXICON.shared_toll_bonus
    assert bonus == [
        with_speaker_bonus(c, (speakers[i], speakers[j]), LEXICON)
        + (toll if traits[i].tolls & traits[j].tolls else 0)
        for c, (i, j) in zip(cosines, pairs, strict=True)
    ]
