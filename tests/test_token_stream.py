"""The token stream of a sentence: offsets that quote the text, and the rules that join its tokens."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictdb.extract.token_stream import (
    glued_words,
    join_runs,
    join_words,
    run_texts,
    tokenize,
    word_texts,
)

APOSTROPHES = frozenset("'’")
NAME_GLUE = frozenset("'’.-")
GAP_GLUE = frozenset("'’-")


def test_token_stream_offsets_quote_the_text() -> None:
    text = "Rebels  shelled the depot, at 04:30;\nthree guards fled."
    tokens = tokenize(text)
    assert [t for _, _, t in tokens] == [
        "Rebels", "shelled", "the", "depot", ",", "at", "04", ":", "30", ";", "three", "guards", "fled", ".",
    ]  # fmt: skip
    assert all(text[start:end] == word for start, end, word in tokens)


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("The pro-army militia's chief spoke.", ["The", "pro-army", "militia's", "chief", "spoke."]),
        ("A U.S. envoy met the Elders’ council", ["A", "U.S.", "envoy", "met", "the", "Elders’", "council"]),
        ("they weren't told", ["they", "weren't", "told"]),
        ("the boys' school - shut", ["the", "boys'", "school", "-", "shut"]),  # a spaced dash stays a mark
        ("Gen. Tariq spoke", ["Gen.", "Tariq", "spoke"]),
        ("the teams'x and the men’s", ["the", "teams'x", "and", "the", "men’s"]),
        ("a well-- known case", ["a", "well", "-", "-", "known", "case"]),  # a hyphen joins only two words
        ("the city’ said", ["the", "city", "’", "said"]),  # an apostrophe after no "s" is a mark
    ],
)
def test_join_words_makes_the_words_of_a_speaker_phrase(sentence: str, words: list[str]) -> None:
    joined = join_words(tokenize(sentence), sentence)
    assert [t for _, _, t in joined] == words
    assert all(sentence[start:end] == word for start, end, word in joined)


def test_join_runs_joins_touching_words_and_glue_only() -> None:
    text = "an 8-year-old boy -- 'injured' (two)"
    runs = join_runs(tokenize(text), text, GAP_GLUE)
    assert [t for _, _, t in runs] == ["an", "8-year-old", "boy", "--", "'injured'", "(", "two", ")"]
    assert run_texts(text, GAP_GLUE) == [t for _, _, t in runs]
    assert run_texts("no glue here, none", GAP_GLUE) == ["no", "glue", "here", ",", "none"]


@pytest.mark.parametrize(
    ("text", "glue", "opens_with_word", "words"),
    [
        ("it wasn't - they'd said", APOSTROPHES, False, ["it", "wasn't", "they'd", "said"]),
        ("'tis the co-op (open)", APOSTROPHES, False, ["'tis", "the", "co", "op", "open"]),
        ("-the deputy-mayor's aide.", NAME_GLUE, True, ["the", "deputy-mayor's", "aide."]),
        ("a police spokesman", NAME_GLUE, True, ["a", "police", "spokesman"]),
        ("-- . ''", NAME_GLUE, True, []),
    ],
)
def test_glued_words(text: str, glue: frozenset[str], opens_with_word: bool, words: list[str]) -> None:
    assert glued_words(text, glue, opens_with_word=opens_with_word) == words


def test_word_texts_are_the_word_runs_of_the_stream() -> None:
    text = "Two (2) died, 'reportedly'."
    assert word_texts(text) == ["Two", "2", "died", "reportedly"]


PIECES = list("ab sS-'’._,é9\n(") + ["Xy", "s’", "U."]
SAMPLE = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@given(SAMPLE)
def test_joins_cover_the_stream_in_order(text: str) -> None:
    """Each join is a cover of the stream: its tokens quote the text, in order, and hold every stream
    token once."""
    stream = tokenize(text)
    for joined in (join_words(stream, text), join_runs(stream, text, NAME_GLUE)):
        assert all(text[start:end] == word for start, end, word in joined)
        assert [s for s, _, _ in joined] == sorted(s for s, _, _ in joined)
        inner = [t for t in stream if any(s <= t[0] and t[1] <= e for s, e, _ in joined)]
        assert inner == stream


@given(SAMPLE)
def test_stream_words_match_a_plain_word_pattern(text: str) -> None:
    assert [t for _, _, t in tokenize(text) if re.fullmatch(r"\w+", t)] == word_texts(text)
