"""Tests for conflictdb.folded: case-insensitive patterns tested on lower-cased text, same answers."""

from __future__ import annotations

import re

import pytest

from conflictdb import folded
from conflictdb.folded import FoldedPattern

PATTERNS = [
    (r"\b(?:in|since)\s+(?:march|april)\s+(?:19|20)\d\d\b", True),
    (r"\b(?:the|its|[\w-]+'s|[\w-]+’s)\s+(?:[\w-]+\s+)?$", True),
    (r"\bnear-daily\s+(?:raids|shelling)\b", True),
    (r"[^a-z]kites\b", True),
    (r"\bMarch\b", False),  # an upper-case letter: searched as usual
    (r"(?-i:cod)fish", False),  # a flag group
    (r"\b(\w+)\s+\1\b", False),  # a back-reference
    (r"caf[é]\b", False),  # a letter with case beyond ASCII
]
TEXTS = [
    "Since March 2031 the ferry has not run.",
    "SINCE APRIL 2029, NOTHING.",
    "The harbour master’s ",
    "THE HARBOUR MASTER'S ",
    "near-daily RAIDS on the dunes",
    "Red KITES and blue kites",
    "\u017fince march 2030",  # a long s: folds onto s
    "\u212aites",  # the Kelvin sign: folds onto k
    "\u0130n april 2031 the mill burned",  # a dotted capital I: its lower case is two characters
    "a CODFISH, a codfish, a CodFish",
    "the the ferry",
    "Café Noir reopened; CAFÉ again",
    "nothing here at all",
]


@pytest.mark.parametrize(("source", "fast"), PATTERNS)
def test_found_answers_as_search_does(source: str, fast: bool) -> None:
    pattern = re.compile(source, re.IGNORECASE)
    form = FoldedPattern(pattern)
    assert (form._lower is not None) is fast
    for text in TEXTS:
        expected = pattern.search(text) is not None
        assert form.found(text) is expected, text
        assert folded.found(pattern, text) is expected, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SINCE APRIL 2030", True),
        ("\u017fince april 2030", True),  # searched as usual: the long s matches s
        ("since april", False),
    ],
)
def test_odd_characters_keep_their_matches(text: str, expected: bool) -> None:
    pattern = re.compile(r"\bsince\s+april\s+\d{4}", re.IGNORECASE)
    assert folded.found(pattern, text) is expected


def test_a_case_sensitive_pattern_is_searched_as_it_is() -> None:
    pattern = re.compile(r"\bmarch\b")
    assert FoldedPattern(pattern)._lower is None
    assert not folded.found(pattern, "In MARCH") and folded.found(pattern, "in march")


LITERALS = [
    (r"\bnear-daily\s+(?:raids|shelling)\b", re.I, {"near-daily"}),
    (r"\b(?:lighthouse|harbour)\s+keepers?\b", re.I, {"lighthouse", "harbour"}),  # the longest need
    (r"\b(?:tower|mill)\s+keepers?\b", re.I, {"keeper"}),
    (r"\b(?:ferry|barge)\b", re.I, {"ferry", "barge"}),
    (r"(?:toll|count)(?:ed)? of \d+", re.I, {"toll", "count"}),  # the first of two as long
    (r"\b(?:kites|\d+ gulls)\b", re.I, {"kites", " gulls"}),
    (r"\b(?:kites|gulls?)?\s+flew\b", re.I, {"flew"}),
    (r"\b(?:kites|\w+)\b", re.I, None),  # a branch that needs no literal: none for the whole
    (r"\bMarch\b", re.I, None),  # an upper-case letter: no lower-case form
    (r"\bMarch \d+", 0, {"March "}),  # case-sensitive: the literals as written
    (r"(?i:dune)s", 0, {"s"}),  # a group with its own flags tells nothing
    (r"(?i:\b(?:moored|docked)\s+at\s+)$", 0, {"moored", "docked"}),  # its words all in one (?i:...)
    (r"^(?i:the\s+pier\b)", 0, {"pier"}),  # the longest of its words
    (r"(?i:Pier\s+\d+)$", 0, None),  # an upper-case letter in the group: no lower-case literals
]


@pytest.mark.parametrize(("source", "flags", "literals"), LITERALS)
def test_filtered_pattern_needs_the_literals_every_match_holds(
    source: str, flags: int, literals: set[str] | None
) -> None:
    filtered = folded.FilteredPattern(re.compile(source, flags))
    assert (set(filtered._needs) if filtered._needs else None) == literals


FILTERED = [(source, flags) for source, flags, _ in LITERALS] + [(p, re.I) for p, _ in PATTERNS]


@pytest.mark.parametrize(("source", "flags"), FILTERED)
def test_filtered_pattern_answers_as_the_pattern_does(source: str, flags: int) -> None:
    pattern = re.compile(source, flags)
    filtered = folded.FilteredPattern(pattern)
    texts = TEXTS + ["Kites flew over the BARGE", "a toll of 12 dunes", "NEAR-DAILY SHELLING"]
    texts += ["The ferry DOCKED AT Pier 4", "the pier is moored at ", "THE PIER"]
    for text in texts:
        assert filtered.found(text) == (pattern.search(text) is not None), text
        assert _span(filtered.search(text)) == _span(pattern.search(text)), text
        assert _span(filtered.search(text, 3, 20)) == _span(pattern.search(text, 3, 20)), text
        assert _span(filtered.match(text)) == _span(pattern.match(text)), text
        assert [m.span() for m in filtered.finditer(text)] == [m.span() for m in pattern.finditer(text)]
        for pos, endpos in ((0, 4), (4, 9), (6, 60), (-2, 7), (9, 3)):  # literals sought in the window
            assert _span(filtered.search(text, pos, endpos)) == _span(pattern.search(text, pos, endpos)), text
            assert _span(filtered.match(text, pos, endpos)) == _span(pattern.match(text, pos, endpos)), text


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


WINDOWED = [
    (re.compile(r"\b(?:members|family)\s+of\s+$", re.IGNORECASE), 0, None),
    (re.compile(r"\bof\s+(?:the|these)\b", re.IGNORECASE), 3, 30),
    (re.compile(r"(?i:\bferr(?:y|ies)\b)"), 0, None),  # a flag group: searched as written
    (re.compile(r"\bMarch\b"), 2, 40),  # case-sensitive: searched as written
]


@pytest.mark.parametrize(("pattern", "pos", "endpos"), WINDOWED)
@pytest.mark.parametrize("text", TEXTS + ["Two MEMBERS OF ", "the Family of  ", "Of These FERRIES in March"])
def test_search_in_and_match_in_answer_as_the_pattern_does(pattern, pos, endpos, text):
    low = folded.lowered(text)
    end = len(text) if endpos is None else endpos
    found = folded.search_in(pattern, text, low, pos, endpos)
    expected = pattern.search(text, pos, end)
    assert (found and found.span()) == (expected and expected.span())
    matched = folded.match_in(pattern, text, low, pos, endpos)
    expected = pattern.match(text, pos, end)
    assert (matched and matched.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    ("text", "usable"),
    [("Ferry Lane", True), ("\u017fince", False), ("\u212aites", False), ("\u0130stanbul", False)],
)
def test_lowered_only_where_the_lower_case_keeps_the_offsets(text: str, usable: bool):
    assert (folded.lowered(text) is not None) is usable


@pytest.mark.parametrize(
    ("texts", "source", "expected"),
    [
        # the same sentence asked again, then another: each answered for its own text
        (["Rockets HIT the depot", "Rockets HIT the depot", "nothing here"], r"\bhit\b", [True, True, False]),
        (["quiet night", "A MORTAR round fell", "quiet night"], r"mortar", [False, True, False]),
        (["\u017fhelling at dawn", "\u017fhelling at dawn", "Shelling"], r"shelling", [True, True, True]),
    ],
)
def test_found_after_found_reads_each_text(texts, source, expected):
    folded_form = folded.FilteredPattern(re.compile(source, re.IGNORECASE))
    plain = FoldedPattern(re.compile(source, re.IGNORECASE))
    assert [folded_form.found(t) for t in texts] == expected
    assert [plain.found(t) for t in texts] == expected
    assert [folded_form.search(t) is not None for t in texts] == expected
