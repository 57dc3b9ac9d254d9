"""Incident segmentation on invented multi-incident articles: which sentences tell which incident, and which
sentences tell none (a reference back, a habit, a toll repeated on the day it was reported)."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictdb import pipeline
from conflictdb.records import Article, Mention
from conflictdb.resources import Resources


def extract(text: str, resources: Resources, published: dt.date = dt.date(2021, 5, 12)) -> list[Mention]:
    article = Article(id="t", source="test", text=text, published=published)
    return pipeline.process_article(article, resources)[1]


def news_tolls(mentions: list[Mention]) -> list[list[int | None]]:
    """Per news mention (background left out), the lower bounds of its numeric figures in text order."""
    return [
        [f.min for c in m.claims for f in c.figures if f.has_number] for m in mentions if not m.background
    ]


SEPARATE = [
    pytest.param(
        "Gunmen shot dead five farmers in a field outside Kunduz city on Monday, police said. "
        "The farmers were harvesting wheat when the gunmen arrived on motorbikes. "
        "Two shepherds were killed in another armed raid on a hamlet nearby that evening, an elder said.",
        [[5], [2]],
        id="another-raid-in-mid-sentence",
    ),
    pytest.param(
        "A roadside bomb killed four soldiers in Kandahar city on Monday, an army spokesman said. "
        "The soldiers were returning from a patrol. "
        "In a separate insurgent attack in Helmand, three policemen died at a checkpoint, police said.",
        [[4], [3]],
        id="separate-with-words-between",
    ),
    pytest.param(
        "An air strike killed six people in Kunduz city on Monday, a hospital director said. "
        "The strike flattened a row of shops near the main bazaar. "
        "Separately, officials said a rocket hit a school in Baghlan, wounding nine pupils.",
        [[6], [9]],
        id="opener-word",
    ),
    pytest.param(
        "Militants ambushed an army convoy near Kunduz city on Sunday and three soldiers died, the army said."
        "\n\nOn Tuesday, militants beheaded three farmers near a village in Baghlan province, locals said.",
        [[3], [3]],
        id="same-number-of-other-victims-two-days-later",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEPARATE)
def test_segmentation_opens_a_second_incident(
    text: str, expected: list[list[int]], resources: Resources
) -> None:
    assert news_tolls(extract(text, resources)) == expected


ONE = [
    pytest.param(
        "At least nine villagers were killed by militiamen in Kunduz province, a rights group said on "
        "Tuesday.\n\nThe militiamen stormed the village of the farmers on Sunday, leaving nine villagers "
        "dead, the group said.",
        id="toll-repeated-on-the-day-it-was-reported",
    ),
    pytest.param(
        "Gunmen killed eight road workers in Kandahar province on Monday, a police spokesman said. "
        "A mine clearance charity, also in Kandahar, put the toll at eight dead.",
        id="same-toll-again-with-also",
    ),
    pytest.param(
        "A car bomb killed eleven people at a bus station in Kunduz city on Monday, police said. "
        "Meanwhile, the governor of Baghlan condemned the bombing on Monday and promised an inquiry.",
        id="reference-back-is-no-incident",
    ),
    pytest.param(
        "Militants killed four soldiers at an outpost in Helmand province on Monday, the army said. "
        "Taliban fighters often clash with army units in Kandahar, where fighting is heavy.",
        id="a-habit-is-no-incident",
    ),
]


@pytest.mark.parametrize("text", ONE)
def test_segmentation_keeps_one_incident(text: str, resources: Resources) -> None:
    assert len(news_tolls(extract(text, resources))) == 1
