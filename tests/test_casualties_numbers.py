"""Quantity expressions: digits, words, modifiers, ranges and vague words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.datafiles import DATA_DIR
from conflictdb.extract.casualties.numbers import (
    NUMBERS_FILE,
    Quantity,
    find_quantities,
    load_number_grammar,
    number_value,
    parse_quantity,
)

GRAMMAR = load_number_grammar()

QUANTITIES = [
    ("26", 26, 26, False, None),
    ("1,200", 1200, 1200, False, None),
    ("four", 4, 4, False, None),
    ("Twenty-seven", 27, 27, False, None),
    ("thirty-one", 31, 31, False, None),
    ("twenty one", 21, 21, False, None),
    ("a dozen", 12, 12, False, None),
    ("two dozen", 24, 24, False, None),
    ("half a dozen", 6, 6, False, None),
    ("two hundred and fifty", 250, 250, False, None),
    ("a hundred", 100, 100, False, None),
    ("3 million", 3_000_000, 3_000_000, False, None),
    ("at least 4", 4, None, False, None),
    ("At least seven", 7, None, False, None),
    ("more than 1,000", 1000, None, False, None),
    ("over 30", 30, None, False, None),
    ("20 or more", 20, None, False, None),
    ("50-plus", 50, None, False, None),
    ("50+", 50, None, False, None),
    ("as many as 40", None, 40, False, None),
    ("up to nine", None, 9, False, None),
    ("no more than 5", None, 5, False, None),
    ("as high as 40", None, 40, False, None),
    ("about 26", 26, 26, True, None),
    ("around 300", 300, 300, True, None),
    ("nearly 70", 70, 70, True, None),
    ("almost a dozen", 12, 12, True, None),
    ("approximately 15", 15, 15, True, None),
    ("some 40", 40, 40, True, None),
    ("roughly 2,000", 2000, 2000, True, None),
    ("between 10 and 15", 10, 15, False, None),
    ("between ten and twelve", 10, 12, False, None),
    ("10 to 15", 10, 15, False, None),
    ("10-15", 10, 15, False, None),
    ("two or three", 2, 3, False, None),
    ("several", None, None, False, "several"),
    ("dozens of", None, None, False, "dozens"),
    ("Scores of", None, None, False, "scores"),
    ("hundreds", None, None, False, "hundreds"),
    ("a number of", None, None, False, "a number"),
    ("many", None, None, False, "many"),
    ("numerous", None, None, False, "numerous"),
    ("a few", None, None, False, "a few"),
    ("tens of thousands of", None, None, False, "thousands"),
]


@pytest.mark.parametrize(("words", "low", "high", "approximate", "vague"), QUANTITIES)
def test_numbers_parse_quantity(
    words: str, low: int | None, high: int | None, approximate: bool, vague: str | None
):
    assert parse_quantity(words, grammar=GRAMMAR) == Quantity(low, high, approximate, vague)


def test_numbers_grammar_reads_the_data_dir_it_is_given(tmp_path: Path):
    data = yaml.safe_load((DATA_DIR / NUMBERS_FILE).read_text(encoding="utf-8"))
    data["units"]["score"] = 20
    (tmp_path / NUMBERS_FILE).write_text(yaml.safe_dump(data), encoding="utf-8")
    assert parse_quantity("score", grammar=load_number_grammar(tmp_path)) == Quantity(20, 20)
    with pytest.raises(ValueError, match="not a quantity"):
        parse_quantity("score", grammar=GRAMMAR)


@pytest.mark.parametrize("words", ["", "civilians", "the army", "killed"])
def test_numbers_parse_quantity_rejects_non_quantities(words: str):
    with pytest.raises(ValueError):
        parse_quantity(words, grammar=GRAMMAR)


@pytest.mark.parametrize(
    ("words", "value"),
    [("1,200", 1200), ("Twenty-seven", 27), ("two dozen", 24), ("one hundred and five", 105), ("five", 5)],
)
def test_numbers_number_value(words: str, value: int):
    assert number_value(words, GRAMMAR) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least five guards, three civilians and two militants", ["At least five", "three", "two"]),
        ("killing 27 people and wounding 70", ["27", "70"]),
        ("between 10 and 15 fighters and about 20 soldiers", ["between 10 and 15", "about 20"]),
        ("dozens of people and hundreds of others", ["dozens of", "hundreds of"]),
        ("cases of COVID-19 rose", []),
        ("someone often went", []),
    ],
)
def test_numbers_find_quantities(text: str, expected: list[str]):
    assert [q.words for q in find_quantities(text, GRAMMAR)] == expected


def test_numbers_find_quantities_offsets_quote_the_text():
    text = "Officials said at least 31 civilians and nearly two dozen soldiers died."
    for match in find_quantities(text, GRAMMAR):
        assert text[match.start : match.end] == match.words


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_numbers_find_quantities_never_raises(text: str):
    for match in find_quantities(text, GRAMMAR):
        assert 0 <= match.start <= match.end <= len(text)


SCREENED_TEXTS = [
    "AT LEAST TWENTY-ONE herders and Nearly Two Dozen goats were lost.",
    "Between Five and 10 boats, SCORES of nets, ²3 and ①2 tags.",
    "Über 5 ferries; _5 is no number; x2 neither.",
    "\u0130ki and \u017feveral \u212aids: letters that fold otherwise.",
    "One, two, THREE — 1,200 or 4-5 or some 30 or more.",
]


@pytest.mark.parametrize("text", SCREENED_TEXTS)
def test_numbers_screen_and_lower_case_read_as_the_plain_scan(text: str):
    plain = replace(GRAMMAR, screen=None, lower_pattern=None)  # every word tried, case-insensitively
    assert find_quantities(text, GRAMMAR) == find_quantities(text, plain)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAtTlLeEsSoOnNwW 12-,.İıſK")), max_size=80))
def test_numbers_screen_never_differs_from_the_plain_scan(text: str):
    plain = replace(GRAMMAR, screen=None, lower_pattern=None)
    assert find_quantities(text, GRAMMAR) == find_quantities(text, plain)
