"""Tests for extract.prefix_tree: an alternation nested by prefixes matches as the plain one does."""

from __future__ import annotations

import re

import pytest

from conflictdb.extract.prefix_tree import prefix_tree_alternation

WORD_SETS = [
    ["Mar", "March", "May", "MAR", "MARCH", "MAY"],
    ["day", "days", "daylight", "dawn", "night", "nights", "overnight"],
    ["last week", "last weekend", "this week", "this weekend", "late last night", "last night"],
    ["a", "an", "another", "at", "at least"],
    ["x.y", "x+y", "x"],  # characters re reads as operators are escaped
]
TEXTS = [
    "The ferry left on 3 March and came back in May, MARCH or MARS.",
    "Overnight the nights grew cold; by daylight two days had passed at dawn.",
    "It rained last weekend, then late last night, and all of this week.",
    "At least another one arrived at an hour, a storm at sea.",
    "x+y and x.y and xx and x",
]


def _plain(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@pytest.mark.parametrize("words", WORD_SETS)
@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("template", [r"(?:{})", r"\b(?:{})\b", r"(?i:\b(?:{})\b)", r"(?:{})\s+\w+"])
def test_prefix_tree_matches_as_the_longest_first_alternation(words: list[str], text: str, template: str):
    plain = re.compile(template.format(_plain(words)))
    nested = re.compile(template.format(prefix_tree_alternation(words)))
    assert [m.span() for m in nested.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_prefix_tree_shares_prefixes():
    assert prefix_tree_alternation(["jan", "january", "june"]) == "j(?:an(?:uary)?|une)"
