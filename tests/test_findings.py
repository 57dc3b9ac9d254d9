"""Tests for conflictdb.extract.findings: every finder run once, its findings gathered per sentence."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from conflictdb import clean
from conflictdb.extract import findings
from conflictdb.records import Article
from conflictdb.resources import Resources


@pytest.mark.parametrize(
    ("text", "at", "before", "expected"),
    [
        ("One.\n\nTwo.", 6, True, True),
        ("One. Two.", 5, True, False),
        ("One.  \nTwo.", 4, False, True),
        ("One. Two.", 4, False, False),
        ("Heading\nText", 8, True, True),
        ("Text", 0, True, True),
        ("Text", 4, False, True),
    ],
)
def test_findings_line_break_next_to_a_sentence(text: str, at: int, before: bool, expected: bool) -> None:
    assert findings._line_break(text, at, before=before) is expected


def test_findings_by_sentence_buckets_matches_in_their_order() -> None:
    """Matches go to the sentence they start in, in their own order; one between sentences goes nowhere."""
    spans = [SimpleNamespace(start_char=0, end_char=10), SimpleNamespace(start_char=12, end_char=20)]
    starts = [(15, "a"), (3, "b"), (10, "gap"), (12, "c"), (0, "d"), (25, "after")]
    matches = [SimpleNamespace(start=start, name=name) for start, name in starts]
    found = findings._by_sentence(matches, spans)
    assert [[m.name for m in bucket] for bucket in found] == [["b", "d"], ["a", "c"]]


def toponym(start: int, surface: str, *cues: str, country: str | None = None) -> SimpleNamespace:
    """A stand-in for a toponym match with one gazetteer candidate."""
    return SimpleNamespace(
        start=start, surface=surface, cues=frozenset(cues), country=country, candidates=[1]
    )


def test_findings_named_places_leave_out_datelines_outlets_and_countries(resources: Resources) -> None:
    places = [
        toponym(30, "Halvard’s", "locative"),
        toponym(0, "ORLEN", "dateline"),
        toponym(12, "Marrow Times", "credit"),
        toponym(50, "Zembla", country="ZZ"),
        toponym(60, "Tarn"),
    ]
    assert findings._named_places(places, resources.places) == [(30, "halvard"), (60, "tarn")]


def test_findings_place_words_come_from_the_data_file(resources: Resources) -> None:
    words = findings.load_place_words()
    assert words == resources.places  # loaded once into Resources, as here
    assert {"dateline", "credit", "person"} <= words.not_where
    assert words.possessive.sub("", "kharkiv's") == "kharkiv" and words.reference_reach > 0


def test_findings_of_an_article_are_frozen_and_one_per_sentence(resources: Resources) -> None:
    text = (
        "Gunmen killed five villagers in Kano on Monday, police said.\n\nThe governor condemned the attack."
    )
    article = clean.clean_article(
        Article(id="f1", source="f1.txt", text=text, published=dt.date(2022, 3, 9)), resources.clean
    )
    found = findings.find_all(article, resources)
    assert [f.text.strip() for f in found.facts] == text.split("\n\n")
    first, second = found.facts
    assert [m.figure.min for m in first.figures] == [5] and not second.figures
    assert "kano" in first.places and not second.places
    assert [v.value for _, v in first.dates] == [dt.date(2022, 3, 7)]
    assert first.opens_line and first.ends_line
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.facts = ()  # type: ignore[misc]
