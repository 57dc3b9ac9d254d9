"""Claims of one incident: a toll told again by the same source counts once (extract/mentions.py)."""

from __future__ import annotations

import pytest

from conflictdb.extract.mentions import (
    drop_unnamed_twins,
    load_party_lexicon,
    name_repeated_tolls,
    one_toll_per_source,
    source_words,
)
from conflictdb.extract.speech.lexicon import load_speech_lexicon
from conflictdb.records import Category, Claim, Figure, Outcome, Span

PARTIES = load_party_lexicon(speech_verbs=load_speech_lexicon().speaker_verbs)
C, S, U = Category.CIVILIANS, Category.SECURITY_FORCES, Category.UNSPECIFIED
K, W = Outcome.KILLED, Outcome.INJURED


def claim(speaker: str | None, *figures: tuple, role: str | None = None) -> Claim:
    """A claim of `speaker` with figures given as (outcome, category, min, max)."""
    made = tuple(Figure(outcome, category, low, high) for outcome, category, low, high in figures)
    return Claim(Span(0, 1), made, speaker=speaker, speaker_role=role)


def told(claims: list[Claim]) -> list[tuple]:
    """(speaker, outcome, category, min, max) of every figure left, in order."""
    return [(c.speaker, f.outcome.value, f.category.value, f.min, f.max) for c in claims for f in c.figures]


@pytest.mark.parametrize(
    ("speaker", "role", "words"),
    [
        ("the Kenyan police", None, {"kenyan", "police"}),
        ("Amina Odera", "spokeswoman for the police", {"amina", "odera", "spokeswoman", "police"}),
        (None, None, set()),  # the outlet's own voice names no source
        ("AP", None, set()),  # two letters tell too little
    ],
)
def test_source_words_leave_fillers_out(speaker: str | None, role: str | None, words: set[str]) -> None:
    assert source_words(speaker, role, PARTIES) == words


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # "police" then "the Kenyan police": one source, the toll kept under the fuller name
        (
            [claim("police", (K, U, 12, 12)), claim("the Kenyan police", (K, U, 12, 12))],
            [("the Kenyan police", "killed", "unspecified", 12, 12)],
        ),
        # the fuller name first: the shorter repeat goes
        (
            [claim("the provincial health office", (W, C, 9, None)), claim("health office", (W, C, 9, None))],
            [("the provincial health office", "injured", "civilians", 9, None)],
        ),
        # a person named with a role, then by the surname alone
        (
            [claim("Jonas Pereira", (K, S, 3, 3), role="army spokesman"), claim("Pereira", (K, S, 3, 3))],
            [("Jonas Pereira", "killed", "security_forces", 3, 3)],
        ),
        # two sources that share a word but neither names the other: two claims
        (
            [claim("farm elders", (K, C, 7, 7)), claim("town elders", (K, C, 7, 7))],
            [("farm elders", "killed", "civilians", 7, 7), ("town elders", "killed", "civilians", 7, 7)],
        ),
        # the outlet's voice and a named source: two claims
        (
            [claim(None, (K, U, 5, 5)), claim("the Kenyan police", (K, U, 5, 5))],
            [(None, "killed", "unspecified", 5, 5), ("the Kenyan police", "killed", "unspecified", 5, 5)],
        ),
        # another number from the shorter name is its own figure
        (
            [claim("police", (K, U, 12, 12), (W, U, 4, 4)), claim("city police", (K, U, 12, 12))],
            [("police", "injured", "unspecified", 4, 4), ("city police", "killed", "unspecified", 12, 12)],
        ),
        # the same number of other victims is another toll
        (
            [claim("police", (K, S, 2, 2)), claim("city police", (K, C, 2, 2))],
            [("police", "killed", "security_forces", 2, 2), ("city police", "killed", "civilians", 2, 2)],
        ),
    ],
)
def test_one_toll_per_source(claims: list[Claim], expected: list[tuple]) -> None:
    assert told(one_toll_per_source(claims, PARTIES)) == expected


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # "five people died", then "the five were herders": told once, with who they were
        (
            [claim("the mayor", (K, U, 5, 5)), claim("the mayor", (K, C, 5, 5))],
            [("the mayor", "killed", "civilians", 5, 5)],
        ),
        # another speaker's plain count stays
        (
            [claim("a nurse", (K, U, 5, 5)), claim("the mayor", (K, C, 5, 5))],
            [("a nurse", "killed", "unspecified", 5, 5), ("the mayor", "killed", "civilians", 5, 5)],
        ),
        # another range is another statement
        (
            [claim("the mayor", (K, U, 5, None)), claim("the mayor", (K, C, 5, 5))],
            [("the mayor", "killed", "unspecified", 5, None), ("the mayor", "killed", "civilians", 5, 5)],
        ),
        # two named groups of the same size are two tolls
        (
            [claim("the mayor", (K, S, 2, 2), (K, C, 2, 2))],
            [("the mayor", "killed", "security_forces", 2, 2), ("the mayor", "killed", "civilians", 2, 2)],
        ),
        # one unnamed victim beside one named victim in one sentence is another ("a man and his son")
        (
            [claim("the mayor", (K, U, 1, 1), (K, C, 1, 1))],
            [("the mayor", "killed", "unspecified", 1, 1), ("the mayor", "killed", "civilians", 1, 1)],
        ),
        # ... but told in a sentence of its own, the same one victim again
        (
            [claim("the mayor", (K, U, 1, 1)), claim("the mayor", (K, C, 1, 1))],
            [("the mayor", "killed", "civilians", 1, 1)],
        ),
    ],
)
def test_drop_unnamed_twins(claims: list[Claim], expected: list[tuple]) -> None:
    assert told(drop_unnamed_twins(claims)) == expected


def worded(
    speaker: str | None, outcome: Outcome, category: Category, low: int, high: int | None, words: str
) -> Claim:
    """A claim of `speaker` with one figure read from `words`."""
    return Claim(Span(0, 1), (Figure(outcome, category, low, high, words=words),), speaker=speaker)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # "four guards died, the governor said", then "we lost four men," the garrison said: the same victims
        (
            [
                worded("the governor", K, S, 4, 4, "four guards died"),
                worded("the garrison", K, U, 4, 4, "lost four men"),
            ],
            [
                ("the governor", "killed", "security_forces", 4, 4),
                ("the garrison", "killed", "security_forces", 4, 4),
            ],
        ),
        # "... and three were hurt", the bulletin read: a bare number takes the victims named before
        (
            [
                worded("a medic", W, C, 3, 3, "three farmers hurt"),
                worded("the bulletin", W, U, 3, 3, "three were hurt"),
            ],
            [("a medic", "injured", "civilians", 3, 3), ("the bulletin", "injured", "civilians", 3, 3)],
        ),
        # "four people" says nothing of who they were: it stays unspecified
        (
            [
                worded("the governor", K, S, 4, 4, "four guards"),
                worded("a nurse", K, U, 4, 4, "four people died"),
            ],
            [("the governor", "killed", "security_forces", 4, 4), ("a nurse", "killed", "unspecified", 4, 4)],
        ),
        # the same source again in plainer words is left as it told it
        (
            [
                worded("the governor", K, S, 4, 4, "four guards"),
                worded("the governor", K, U, 4, 4, "four men"),
            ],
            [
                ("the governor", "killed", "security_forces", 4, 4),
                ("the governor", "killed", "unspecified", 4, 4),
            ],
        ),
        # another range is another toll
        (
            [
                worded("the governor", K, S, 4, None, "at least four guards"),
                worded("a nurse", K, U, 4, 4, "four men"),
            ],
            [
                ("the governor", "killed", "security_forces", 4, None),
                ("a nurse", "killed", "unspecified", 4, 4),
            ],
        ),
        # two named groups of that size before: which one is not said
        (
            [
                worded("the governor", K, S, 2, 2, "two guards"),
                worded("the governor", K, C, 2, 2, "two herders"),
                worded("a nurse", K, U, 2, 2, "two men"),
            ],
            [
                ("the governor", "killed", "security_forces", 2, 2),
                ("the governor", "killed", "civilians", 2, 2),
                ("a nurse", "killed", "unspecified", 2, 2),
            ],
        ),
        # an unnamed count told before the named one takes nothing
        (
            [worded("a nurse", K, U, 4, 4, "four men"), worded("the governor", K, S, 4, 4, "four guards")],
            [("a nurse", "killed", "unspecified", 4, 4), ("the governor", "killed", "security_forces", 4, 4)],
        ),
    ],
)
def test_name_repeated_tolls(claims: list[Claim], expected: list[tuple]) -> None:
    assert told(name_repeated_tolls(claims, PARTIES)) == expected
