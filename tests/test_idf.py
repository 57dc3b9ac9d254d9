"""Linking's word weights from a fixed reference (resolve.idf): one weight per word, whatever is held."""

from __future__ import annotations

import math

import pytest

from conflictdb.resolve.idf import ReferenceFrequencies, load_reference_frequencies, load_reference_lexicon

WEIGHTS = load_reference_frequencies()


@pytest.mark.parametrize(
    ("common", "rare"),
    [
        ("people", "ambushed"),
        ("killed", "mortar"),
        ("police", "insurgents"),
        ("district", "kolweni"),  # a made-up village: not in the list
        ("village", "killed=14"),  # a toll term
    ],
)
def test_idf_a_rarer_word_weighs_more(common: str, rare: str) -> None:
    assert WEIGHTS.idf(common) < WEIGHTS.idf(rare)


@pytest.mark.parametrize("unknown", ["qorvenzak", "injured=7", "tessaba"])
def test_idf_a_word_the_list_does_not_know_weighs_as_the_rarest(unknown: str) -> None:
    lexicon = load_reference_lexicon()
    floor = -math.log(-math.expm1(-lexicon.words_per_mention * lexicon.floor))
    assert WEIGHTS.idf(unknown) == pytest.approx(floor)


def test_idf_vectors_are_unit_length_and_each_bag_weighed_alone() -> None:
    bag = {"gunmen": 2, "ambushed": 1, "convoy": 1}
    alone = WEIGHTS.vectors([bag])[0]
    among_others = WEIGHTS.vectors([{"gunmen": 1, "market": 3}] * 50 + [bag])[-1]
    assert alone == among_others  # what else is weighed at once changes nothing
    assert math.isclose(math.sqrt(sum(v * v for v in alone.values())), 1.0)
    assert alone["gunmen"] > alone["convoy"] * 1.2  # said twice


def test_idf_reference_is_read_from_the_word_list_not_built_from_mentions() -> None:
    made = ReferenceFrequencies({"shelling": 1e-5}, words_per_mention=100, floor=1e-8)
    assert made.idf("shelling") == pytest.approx(-math.log(-math.expm1(-100 * 1e-5)))
    assert made.idf("shelling") < made.idf("airstrike")  # not in this list: the floor
