"""How alike two texts are: cosines of a batch are the floats of one pair at a time; a shared toll adds."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.resolve.link import load_link_lexicon
from conflictdb.resolve.similarity import _cosine, pair_cosines, similarity

LEXICON = load_link_lexicon()

_WEIGHTS = st.dictionaries(
    st.sampled_from(["raid", "convoy", "bridge", "market", "killed=4", "hurt=9", "dawn", "rocket"]),
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WEIGHTS, min_size=2, max_size=7))
def test_similarity_pair_cosines_are_the_floats_of_one_pair_at_a_time(
    vectors: list[dict[str, float]],
) -> None:
    pairs = list(combinations(range(len(vectors)), 2))
    assert pair_cosines(vectors, pairs) == [_cosine(vectors[i], vectors[j]) for i, j in pairs]


def test_similarity_a_shared_toll_adds_its_bonus_to_similarity() -> None:
    vectors = ({"ford": 0.6, "killed=7": 0.8}, {"ford": 0.6, "killed=7": 0.8})
    other = ({"ford": 0.6, "killed=7": 0.8}, {"ford": 0.6, "killed=9": 0.8})
    none = (frozenset(), frozenset())
    shared, apart = similarity(vectors, none, LEXICON), similarity(other, none, LEXICON)
    assert shared - 1.0 == pytest.approx(LEXICON.shared_toll_bonus)
    assert apart == pytest.approx(0.36)
