"""Records survive pickling (as workers send them) equal and of the same type."""

import datetime as dt
import pickle

import pytest

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

FIGURE = Figure(Outcome.KILLED, Category.CIVILIANS, 4, 4, words="four villagers")
CLAIM = Claim(Span(10, 42), (FIGURE,), speaker="a district officer", relay="a radio station")
MENTION = Mention(
    "story-7",
    "Battles",
    "Armed clash",
    DateValue(dt.date(2031, 3, 4), DatePrecision.DAY, "on Tuesday"),
    Place("Farvale", "ZZ", "North Province", lat=1.5, lon=2.25, precision=1),
    claims=(CLAIM,),
    span=Span(0, 80),
    index=2,
    type_guessed=True,
)
ARTICLE = Article("story-7", "feed.jsonl", "Two lines\nof text", "Two lines of text", tuple(range(18)))


@pytest.mark.parametrize("record", [Span(3, 9), FIGURE, CLAIM, MENTION, ARTICLE, DateValue(None, None)])
def test_pickle_round_trip(record):
    loaded = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded == record
    assert type(loaded) is type(record)
