"""Tests for conflictdb.extract.frames: from incident frames to mentions."""

from __future__ import annotations

import datetime as dt

from conflictdb import clean
from conflictdb.extract import findings, frames, incidents
from conflictdb.records import Article, Outcome
from conflictdb.resources import Resources

STRIKE = (
    "An air strike hit a market in Idlib city on Tuesday, killing seven civilians, rescuers said.\n\n"
    "The governor condemned the attack and promised help to the families."
)


def framed(text: str, resources: Resources) -> tuple[Article, findings.Findings, list]:
    article = clean.clean_article(
        Article(id="s1", source="s1.txt", text=text, published=dt.date(2023, 5, 11)), resources.clean
    )
    found = findings.find_all(article, resources)
    told = incidents.segment_incidents(found.facts, published=article.published, lexicon=resources.segments)
    return article, found, told


def test_frames_classify_core_span_and_mention_of_one_strike(resources: Resources) -> None:
    article, found, told = framed(STRIKE, resources)
    [frame] = [f for f in told if f.sentences]  # segmentation may leave an opening frame empty
    event = frames.classify_frame(frame, resources)
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    start, end = frames.core_span(frame, resources)
    assert (
        article.clean_text[start:end].startswith("An air strike")
        and "governor" not in article.clean_text[start:end]
    )
    [mention] = frames.frame_mentions(article, found, told, resources)
    killed = [f for c in mention.claims for f in c.figures if f.outcome is Outcome.KILLED]
    assert [(f.min, str(f.category)) for f in killed] == [(7, "civilians")]
    assert mention.date.value == dt.date(2023, 5, 9) and not mention.background
