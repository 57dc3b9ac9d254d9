"""The pair rules one pair at a time: places, days and evidence that make two reports one incident's."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictdb.records import (
    Article,
    DatePrecision,
    DateValue,
    Mention,
    Place,
)
from conflictdb.resolve.link import load_link_lexicon
from conflictdb.resolve.pair_rules import (
    PairTraits,
    _apart_enough,
    _compatible,
    required_similarity,
    strong_evidence,
)

LEXICON = load_link_lexicon()


def _bombing(place: Place) -> Mention:
    day = DateValue(dt.date(2023, 7, 18), DatePrecision.DAY)
    return Mention("a", "Explosions/Remote violence", "Remote explosive/landmine/IED", day, place)


def test_pair_rules_towns_far_apart_need_more_similarity_than_one_town() -> None:
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


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        (("x", "2024-03-01"), ("y", "2024-03-02"), True),  # two articles published a day apart
        (("x", "2024-03-01"), ("x", "2024-03-01"), False),  # one article never pairs with itself
        (("x", "2024-03-01"), ("y", "2025-03-01"), False),  # published a year apart
        (("x", None), ("y", "2025-03-01"), True),  # one publication date unknown
    ],
)
def test_pair_rules_apart_enough_is_compatible_on_pairs_blocking_gave(
    a: tuple[str, str | None], b: tuple[str, str | None], apart: bool
) -> None:
    place = Place("Port Aldo", "SO", "Banadir")
    day = DateValue(dt.date(2024, 2, 28), DatePrecision.DAY)

    def traits(article_id: str, published: str | None) -> PairTraits:
        mention = Mention(article_id, "Battles", "Armed clash", day, place)
        on = dt.date.fromisoformat(published) if published else None
        return PairTraits.of(mention, Article(id=article_id, source="x", text="", published=on), LEXICON)

    ta, tb = traits(*a), traits(*b)
    assert _apart_enough(ta, tb, LEXICON) is apart is _compatible(ta, tb, LEXICON)


@pytest.mark.parametrize(
    ("a", "b", "least", "met"),
    [
        ({"killed=1"}, {"killed=1"}, 1, True),
        ({"killed=1"}, {"killed=1"}, 2, False),  # too few to tell one event
        ({"killed=1"}, {"killed=2"}, 2, False),
        ({"killed=2"}, {"killed=3"}, 2, True),  # one apart
        ({"killed=1", "ada okoro"}, {"killed=1", "ada okoro"}, 2, True),  # a named speaker both quote
    ],
)
def test_pair_rules_strong_evidence_asks_a_toll_of_at_least_so_many(
    a: set[str], b: set[str], least: int, met: bool
) -> None:
    assert strong_evidence(frozenset(a), frozenset(b), LEXICON.toll_match_ratio, least=least) is met


def _evidence_met_pair_by_pair(a: frozenset[str], b: frozenset[str], ratio: float, least: int) -> bool:
    """strong_evidence as its docstring says it, every pair of terms weighed: the oracle of the test below."""
    for x in a:
        for y in b:
            if x == y and ("=" not in x or int(x.partition("=")[2]) >= least):
                return True
            (ox, mx, nx), (oy, my, ny) = x.partition("="), y.partition("=")
            if mx and my and ox == oy and min(int(nx), int(ny)) >= least:
                n, m = int(nx), int(ny)
                if abs(n - m) <= max(1.0, ratio * max(n, m)):
                    return True
    return False


_TERMS = st.sampled_from(["ada okoro", "the governor", "killed=1", "killed=2", "killed=9", "killed=30"])
_TERMS |= st.sampled_from(["killed=28", "injured=2", "injured=40", "injured=44", "abducted=3"])


@given(st.frozensets(_TERMS, max_size=5), st.frozensets(_TERMS, max_size=5), st.integers(1, 3))
def test_pair_rules_strong_evidence_weighs_every_pair_of_terms(
    a: frozenset, b: frozenset, least: int
) -> None:
    ratio = LEXICON.toll_match_ratio
    expected = _evidence_met_pair_by_pair(a, b, ratio, least)
    assert strong_evidence(a, b, ratio, least=least) is expected
    assert strong_evidence(b, a, ratio, least=least) is expected
